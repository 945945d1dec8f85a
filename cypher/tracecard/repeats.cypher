// TraceCard: redundant calls of the given sessions, as materialised by the redundancy detector:
// (dup:Span)-[:REPEATS {kind, wastedUsd, wastedTokens, wastedMs}]->(original:Span).
UNWIND $sessionIds AS sessionId
MATCH (:Session {projectId: $projectId, id: sessionId})-[:HAS_SPAN]->(dup:Span)-[r:REPEATS]->(orig:Span)
RETURN dup.id AS dupId, sessionId AS dupSessionId, dup.seq AS dupSeq,
       orig.id AS originalId, orig.sessionId AS originalSessionId, orig.seq AS originalSeq,
       r.kind AS kind, dup.kind AS spanKind, dup.toolName AS toolName, dup.model AS model,
       dup.resource AS resource, left(dup.argsCanonical, 160) AS argsPreview,
       r.wastedUsd AS wastedUsd, r.wastedTokens AS wastedTokens, r.wastedMs AS wastedMs
ORDER BY dupSessionId, dupSeq, dupId, originalId
