// The spans of one session and its sub-agent sessions (at any depth) in the time order the
// detection queries use (start time, session, seq), with the fields their rules read: the
// evidence behind a finding, and what explains a repeat that was not flagged.
MATCH (:Session {projectId: $projectId, id: $sessionId})-[:HAS_SPAN|SPAWNED*0..80]->(:Session)-[:HAS_SPAN]->(sp:Span)
WITH DISTINCT sp
RETURN sp.id AS spanId, sp.sessionId AS sessionId, sp.seq AS seq, sp.startedAt AS startedAt,
       sp.kind AS kind, sp.toolName AS toolName, sp.toolCallId AS toolCallId, sp.model AS model,
       sp.argsHash AS argsHash, sp.effect AS effect, sp.resource AS resource,
       sp.resultHash AS resultHash, sp.status AS status
ORDER BY startedAt, sessionId, seq
