// (:Span)-[:NEXT]->(:Span): the order of spans within each given session, rebuilt from scratch
// (by start time, then the source's own order `sourceSeq`, then id) so late or out-of-order spans end up in the
// right place, and `seq` is renumbered to that order: a session assembled from several requests
// (OTLP: each request only knows its own spans) gets one numbering, whatever the arrival order.
UNWIND $sessionIds AS sessionId
MATCH (s:Session {projectId: $projectId, id: sessionId})
// Two finalisers can meet on one session (a lease that lapsed while a slow round held the
// session's lock): taking the session's write lock first makes the second wait, then read what the
// first wrote and replace it, instead of adding a second copy beside it.
SET s.refreshLock = true
REMOVE s.refreshLock
WITH s
CALL (s) {
  // Untyped on purpose. Relationships that finalisation derives (NEXT, REPEATS, HAS_USAGE) do not
  // exist yet when a query is first planned on a fresh database, so a typed pattern may be planned
  // as a scan of every relationship of that type, per session; that plan stays cached and turns
  // quadratic as the type fills up (measured: 36 s instead of 2 s for 1,000 sessions). An untyped
  // relationship can only be reached by expanding from the session's spans.
  MATCH (s)-[:HAS_SPAN]->(:Span)-[old]->(:Span)
  WHERE type(old) = 'NEXT'
  DELETE old
}
CALL (s) {
  MATCH (s)-[:HAS_SPAN]->(sp:Span)
  WITH sp ORDER BY sp.startedAt, coalesce(sp.sourceSeq, sp.seq), sp.id
  WITH collect(sp) AS ordered
  CALL (ordered) {
    UNWIND range(0, size(ordered) - 1) AS i
    WITH ordered[i] AS sp, i WHERE sp.seq IS NULL OR sp.seq <> i
    SET sp.seq = i
  }
  UNWIND range(0, size(ordered) - 2) AS i
  WITH ordered[i] AS a, ordered[i + 1] AS b
  CREATE (a)-[:NEXT]->(b)
}
RETURN count(s) AS sessions
