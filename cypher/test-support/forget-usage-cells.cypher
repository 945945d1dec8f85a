// Test support: makes a project look as if stored by schema version 1 (no usage cells), and the
// database's recorded schema version 1, to test the upgrade migration.
MATCH (v:SchemaVersion {id: 'clawtrace'})
SET v.version = '1'
WITH count(v) AS versions
OPTIONAL MATCH (c:UsageCell {projectId: $projectId})
DETACH DELETE c
RETURN count(c) AS deleted
