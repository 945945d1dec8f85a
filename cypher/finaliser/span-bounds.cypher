// Sessions assembled from partial records (OTLP: each request carries part of a session) take
// their time bounds from the spans they hold now, so a span that moved to another session (re-sent
// under another conversation) no longer widens the one it left.
UNWIND $sessionIds AS sessionId
MATCH (s:Session {projectId: $projectId, id: sessionId})
WHERE s.spanBounds = true
CALL (s) {
  MATCH (s)-[:HAS_SPAN]->(sp:Span)
  RETURN min(sp.startedAt) AS startedAt, max(coalesce(sp.endedAt, sp.startedAt)) AS endedAt
}
SET s.startedAt = startedAt, s.endedAt = endedAt
RETURN count(s) AS bounded
