// Redundancy findings of one session and its sub-agent sessions (at any depth), optionally of one
// kind, the most wasteful first. Waste definitions: see measure-waste.cypher.
// REPEATS is matched untyped, from the spans (see ingest/relink-next: a typed pattern may be planned
// as a scan of every REPEATS relationship in the database).
MATCH (:Session {projectId: $projectId, id: $sessionId})-[:HAS_SPAN|SPAWNED*0..80]->(member:Session)
WITH DISTINCT member
MATCH (member)-[:HAS_SPAN]->(dup:Span)-[r]->(original:Span)
WHERE type(r) = 'REPEATS' AND ($kind IS NULL OR r.kind = $kind)
RETURN r.kind AS kind, dup.id AS spanId, original.id AS repeatsSpanId,
       dup.sessionId AS sessionId, original.sessionId AS repeatsSessionId,
       dup.toolName AS toolName, dup.model AS model,
       r.wastedUsd AS wastedUsd, r.wastedTokens AS wastedTokens, r.tokensEstimated AS tokensEstimated,
       r.wastedMs AS wastedMs, dup.startedAt AS startedAt
ORDER BY coalesce(wastedUsd, 0.0) DESC, wastedTokens DESC, spanId
LIMIT $limit
