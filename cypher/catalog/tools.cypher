// Tools with their call counts, errors, sessions and total duration.
MATCH (t:Tool {projectId: $projectId})
CALL (t) {
  MATCH (sp:Span)-[:INVOKED]->(t)
  RETURN count(sp) AS calls,
         count(CASE WHEN sp.status = 'error' THEN 1 END) AS errors,
         count(DISTINCT sp.sessionId) AS sessions,
         sum(coalesce(sp.durationMs, 0)) AS durationMs
}
WITH t, calls, errors, sessions, durationMs WHERE calls > 0
RETURN t.name AS name, calls, errors, sessions, durationMs
ORDER BY calls DESC, name
LIMIT $limit
