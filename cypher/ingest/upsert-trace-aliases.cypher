// Which session each trace belongs to, as requests name it (OTLP conversation ids, often on one
// span only). A request without the naming span filed its spans under the trace's own session;
// that session is marked dirty here, so the finaliser moves its spans to the named one
// (finaliser/adopt-aliased-spans). Conflicting names: the lowest rank, then the smallest session
// id wins, whatever the order of arrival; the session that lost the trace is marked dirty too.
UNWIND $rows AS row
MERGE (a:TraceAlias {projectId: $projectId, traceId: row.traceId})
ON CREATE SET a.sessionId = row.sessionId, a.rank = row.rank, a.created = true
WITH a, row, a.sessionId AS previous,
     coalesce(a.created, false) OR row.rank < a.rank OR (row.rank = a.rank AND row.sessionId < a.sessionId) AS wins
SET a.created = null
WITH a, row, previous, wins
CALL (a, row, wins) {
  WITH a, row WHERE wins
  SET a.sessionId = row.sessionId, a.rank = row.rank
}
WITH a, row, previous
UNWIND [row.traceSessionId, previous] AS staleId
WITH DISTINCT a, staleId WHERE staleId IS NOT NULL AND staleId <> a.sessionId
MATCH (stale:Session {projectId: $projectId, id: staleId})
SET stale.dirtyToken = randomUUID(), stale.pending = true, stale.pendingSince = coalesce(stale.pendingSince, $now),
    stale.dirtyAt = $now, stale.finaliseAfter = $now
RETURN count(stale) AS marked
