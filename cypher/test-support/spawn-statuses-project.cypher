// Spawn outcomes (linked / missing / refused / pending) over all SUBAGENT spans of a project.
MATCH (sp:Span {projectId: $projectId, kind: 'SUBAGENT'})
RETURN sp.spawnStatus AS status, count(*) AS n
ORDER BY status
