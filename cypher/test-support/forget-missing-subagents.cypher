// Test support: makes a project look as if rolled up by schema version 2 (no count of missing
// sub-agents on its sessions), and the database's recorded schema version 2, to test the upgrade.
MATCH (v:SchemaVersion {id: 'clawtrace'})
SET v.version = '2'
WITH count(v) AS versions
MATCH (s:Session {projectId: $projectId})
WHERE s.missingSubagents IS NOT NULL
REMOVE s.missingSubagents
RETURN count(s) AS forgotten
