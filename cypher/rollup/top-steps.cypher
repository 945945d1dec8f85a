// The most expensive steps (own cost) of a session tree (the session and its sub-agent sessions,
// at any depth), with their share of the tree's total.
MATCH (root:Session {projectId: $projectId, id: $sessionId})
MATCH (root)-[:HAS_SPAN|SPAWNED*1..60]->(sp:Span)
WITH DISTINCT root, sp
WITH root, collect(sp) AS spans, sum(coalesce(sp.costUsd, 0.0)) AS total
UNWIND spans AS sp
WITH root, sp, total WHERE sp.costUsd IS NOT NULL AND sp.costUsd > 0
RETURN sp.id AS spanId, sp.sessionId AS sessionId, sp.kind AS kind, sp.name AS name, sp.model AS model,
       sp.toolName AS toolName, sp.costUsd AS costUsd,
       CASE WHEN total > 0 THEN sp.costUsd / total ELSE 0.0 END AS share,
       coalesce(sp.inputTokens, 0) AS inputTokens, coalesce(sp.outputTokens, 0) AS outputTokens,
       coalesce(sp.cacheReadTokens, 0) AS cacheReadTokens, coalesce(sp.cacheWriteTokens, 0) AS cacheWriteTokens,
       sp.status AS status, sp.seq AS seq
ORDER BY costUsd DESC, sp.id
LIMIT $limit
