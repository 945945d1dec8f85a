// The spawns of the given sessions that have no child session in the graph, as they stand after
// finalisation: `missing` (accepted, child transcript not there), `pending` (not yet resolved) and
// `refused` (the runtime said no). The import summary names each one (parent session, spawn span,
// task), so a user knows which transcripts to look for and which inclusive totals are lower bounds.
UNWIND $sessionIds AS sessionId
MATCH (s:Session {projectId: $projectId, id: sessionId})-[:HAS_SPAN]->(sp:Span {kind: 'SUBAGENT'})
WHERE sp.spawnStatus IN ['missing', 'pending', 'refused']
RETURN sp.spawnStatus AS status, s.id AS parentSessionId, sp.id AS spanId, sp.spawnTask AS task,
       sp.spawnLabel AS label, sp.startedAt AS startedAt
ORDER BY parentSessionId, startedAt, spanId
LIMIT $limit
