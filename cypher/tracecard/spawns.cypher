// TraceCard: every sub-agent spawn call (SUBAGENT span) of the given sessions, with the spawn outcome
// recorded by ingest (linked / missing / refused) and the child session it SPAWNED, if any.
UNWIND $sessionIds AS sessionId
MATCH (:Session {projectId: $projectId, id: sessionId})-[:HAS_SPAN]->(sp:Span {kind: 'SUBAGENT'})
OPTIONAL MATCH (sp)-[:SPAWNED]->(child:Session)
RETURN sp.id AS spanId, sessionId, sp.seq AS seq, sp.status AS status, sp.spawnStatus AS spawnStatus,
       sp.spawnLabel AS label, sp.spawnTask AS task, child.id AS childSessionId,
       sp.resultPreview AS resultPreview, sp.argsCanonical AS argsCanonical
ORDER BY sessionId, seq, spanId
