// TraceCard: error spans of the given sessions, each with the next call of the same kind after it in
// its session (same tool, or any LLM call for a failed model call: the loop retries, possibly on a
// fail-over model): was it retried, unchanged or not, and did the retry work.
UNWIND $sessionIds AS sessionId
MATCH (s:Session {projectId: $projectId, id: sessionId})-[:HAS_SPAN]->(e:Span {status: 'error'})
CALL (s, e) {
  OPTIONAL MATCH (s)-[:HAS_SPAN]->(n:Span)
  WHERE n.seq > e.seq AND n.kind = e.kind
    AND (e.kind = 'LLM' OR coalesce(n.toolName, n.name) = coalesce(e.toolName, e.name))
  WITH n ORDER BY n.seq LIMIT 1
  RETURN n.status AS retryStatus, n.argsHash = e.argsHash AS retrySameArgs
}
RETURN e.id AS spanId, sessionId, e.seq AS seq, e.kind AS kind, e.name AS name, e.model AS model,
       e.toolName AS toolName, e.errorMessage AS errorMessage, retryStatus, retrySameArgs
ORDER BY sessionId, seq, spanId
