// The redundancy findings of the given session trees of the watched kinds (REPEATS, matched
// untyped from the spans as in redundancy/findings-in-tree): each repeat with the call it repeats,
// from which src/alerts/waste-runs.ts chains runs (a poll loop, a failed-retry streak).
UNWIND $rootIds AS rootId
MATCH (root:Session {projectId: $projectId, id: rootId})
MATCH (root)-[:HAS_SPAN|SPAWNED*0..80]->(member:Session)
WITH DISTINCT rootId, member
MATCH (member)-[:HAS_SPAN]->(dup:Span)-[r]->(original:Span)
WHERE type(r) = 'REPEATS' AND r.kind IN $kinds
RETURN rootId, r.kind AS kind, dup.sessionId AS sessionId, dup.id AS spanId, original.id AS repeatsSpanId,
       dup.startedAt AS startedAt, dup.endedAt AS endedAt, original.startedAt AS repeatsStartedAt,
       r.wastedUsd AS wastedUsd
ORDER BY rootId, coalesce(dup.endedAt, dup.startedAt), dup.id
