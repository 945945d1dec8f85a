// Spawn outcomes (linked / missing / refused / pending) over all SUBAGENT spans of a project.
MATCH (sp:Span {projectId: $projectId})
WHERE sp.spawnStatus IS NOT NULL AND sp.kind = 'SUBAGENT'
RETURN sp.spawnStatus AS status, count(*) AS n
ORDER BY status
