// Token and cost sums of the LLM spans of each session of a project (tests compare them with an
// independent computation over the raw files).
MATCH (s:Session {projectId: $projectId})-[:HAS_SPAN]->(sp:Span {kind: 'LLM'})
RETURN s.id AS sessionId, s.role AS role,
       count(sp) AS calls,
       sum(coalesce(sp.inputTokens, 0)) AS input, sum(coalesce(sp.outputTokens, 0)) AS output,
       sum(coalesce(sp.cacheReadTokens, 0)) AS cacheRead, sum(coalesce(sp.cacheWriteTokens, 0)) AS cacheWrite,
       sum(coalesce(sp.costUsd, 0.0)) AS costUsd,
       count(CASE WHEN sp.costUsd IS NULL AND sp.inputTokens IS NOT NULL THEN 1 END) AS unpriced
ORDER BY sessionId
