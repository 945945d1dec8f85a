// TraceCard: redundant calls of the given sessions, as materialised by the redundancy detector:
// (dup:Span)-[:REPEATS {kind, wastedUsd, wastedTokens, wastedMs}]->(original:Span).
// REPEATS is matched untyped, from the spans (see ingest/relink-next: a typed pattern may be planned
// as a scan of every REPEATS relationship in the database).
UNWIND $sessionIds AS sessionId
MATCH (:Session {projectId: $projectId, id: sessionId})-[:HAS_SPAN]->(dup:Span)-[r]->(orig:Span)
WHERE type(r) = 'REPEATS'
RETURN dup.id AS dupId, sessionId AS dupSessionId, dup.seq AS dupSeq,
       orig.id AS originalId, orig.sessionId AS originalSessionId, orig.seq AS originalSeq,
       r.kind AS kind, dup.kind AS spanKind, dup.toolName AS toolName, dup.model AS model,
       dup.resource AS resource, left(dup.argsCanonical, 160) AS argsPreview,
       r.wastedUsd AS wastedUsd, r.wastedTokens AS wastedTokens, r.wastedMs AS wastedMs
ORDER BY dupSessionId, dupSeq, dupId, originalId
