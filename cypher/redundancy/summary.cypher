// Count and waste per finding kind for one session and its sub-agent sessions (at any depth).
// `unpricedFindings` counts findings whose wasted $ is unknown (left out of wastedUsd, not $0).
// REPEATS is matched untyped, from the spans (see ingest/relink-next: a typed pattern may be planned
// as a scan of every REPEATS relationship in the database).
MATCH (:Session {projectId: $projectId, id: $sessionId})-[:HAS_SPAN|SPAWNED*0..80]->(member:Session)
WITH DISTINCT member
MATCH (member)-[:HAS_SPAN]->(:Span)-[r]->(:Span)
WHERE type(r) = 'REPEATS'
RETURN r.kind AS kind, count(r) AS findings,
       sum(coalesce(r.wastedUsd, 0.0)) AS wastedUsd,
       count(CASE WHEN r.wastedUsd IS NULL THEN 1 END) AS unpricedFindings,
       sum(r.wastedTokens) AS wastedTokens,
       count(CASE WHEN r.tokensEstimated THEN 1 END) AS estimatedTokenFindings,
       sum(r.wastedMs) AS wastedMs
ORDER BY kind
