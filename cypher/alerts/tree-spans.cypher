// The priced spans of the given session trees, in time order: what budget and spend-rate crossings
// are found in (src/alerts/crossings.ts). Spans without a cost add nothing to a crossing.
UNWIND $rootIds AS rootId
MATCH (root:Session {projectId: $projectId, id: rootId})
MATCH (root)-[:HAS_SPAN|SPAWNED*0..80]->(member:Session)
WITH DISTINCT rootId, member
MATCH (member)-[:HAS_SPAN]->(sp:Span)
WHERE sp.costUsd > 0
RETURN rootId, sp.id AS spanId, sp.sessionId AS sessionId, sp.startedAt AS startedAt, sp.endedAt AS endedAt,
       sp.costUsd AS costUsd
ORDER BY rootId, coalesce(sp.endedAt, sp.startedAt), sp.id
