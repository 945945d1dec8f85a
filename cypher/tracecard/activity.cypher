// TraceCard: what each given session did after its first sub-agent spawn (later tool arguments and
// assistant text), the material of the sub-agents' use-in-parent score. Sessions that spawned
// nothing return nothing.
UNWIND $sessionIds AS sessionId
MATCH (s:Session {projectId: $projectId, id: sessionId})-[:HAS_SPAN]->(spawn:Span {kind: 'SUBAGENT'})
WITH s, sessionId, min(spawn.seq) AS firstSpawn
MATCH (s)-[:HAS_SPAN]->(sp:Span)
WHERE sp.seq > firstSpawn AND (sp.argsCanonical IS NOT NULL OR sp.textPreview IS NOT NULL)
RETURN sessionId, sp.seq AS seq, sp.kind AS kind, sp.argsCanonical AS argsCanonical, sp.textPreview AS textPreview
ORDER BY sessionId, seq
