// Redundancy findings of a whole project (optionally of one kind), the most wasteful first.
// Waste definitions: see measure-waste.cypher. findings-in-tree is the same for one session tree.
MATCH (dup:Span {projectId: $projectId})-[r:REPEATS]->(original:Span)
WHERE $kind IS NULL OR r.kind = $kind
RETURN r.kind AS kind, dup.id AS spanId, original.id AS repeatsSpanId,
       dup.sessionId AS sessionId, original.sessionId AS repeatsSessionId,
       dup.toolName AS toolName, dup.model AS model,
       r.wastedUsd AS wastedUsd, r.wastedTokens AS wastedTokens, r.tokensEstimated AS tokensEstimated,
       r.wastedMs AS wastedMs, dup.startedAt AS startedAt
ORDER BY coalesce(wastedUsd, 0.0) DESC, wastedTokens DESC, spanId
LIMIT $limit
