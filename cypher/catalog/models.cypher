// Models with their LLM call counts, cost, tokens and unpriced calls (never counted as $0).
MATCH (m:Model {projectId: $projectId})
CALL (m) {
  MATCH (sp:Span)-[:USED_MODEL]->(m)
  WHERE sp.kind = 'LLM'
  RETURN count(sp) AS calls,
         count(CASE WHEN sp.status = 'error' THEN 1 END) AS errors,
         count(DISTINCT sp.sessionId) AS sessions,
         sum(coalesce(sp.costUsd, 0.0)) AS costUsd,
         count(CASE WHEN sp.costUsd IS NULL THEN 1 END) AS unpricedCalls,
         sum(coalesce(sp.inputTokens, 0)) AS inputTokens,
         sum(coalesce(sp.outputTokens, 0)) AS outputTokens,
         sum(coalesce(sp.cacheReadTokens, 0)) AS cacheReadTokens,
         sum(coalesce(sp.cacheWriteTokens, 0)) AS cacheWriteTokens
}
WITH m, calls, errors, sessions, costUsd, unpricedCalls, inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens
WHERE calls > 0
RETURN m.id AS id, m.provider AS provider, calls, errors, sessions, costUsd, unpricedCalls,
       inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens
ORDER BY costUsd DESC, calls DESC, id
LIMIT $limit
