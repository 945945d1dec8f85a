// TraceCard CLI: the sessions a user-typed reference can mean: the stored id, the source's own id
// (external id), or a prefix of either (`3c0cbde4`). Exact matches sort first.
MATCH (s:Session {projectId: $projectId})
WHERE s.id STARTS WITH $ref OR s.externalId STARTS WITH $ref
RETURN s.id AS id, (s.id = $ref OR s.externalId = $ref) AS exact
ORDER BY exact DESC, id
LIMIT 10
