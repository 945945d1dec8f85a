// Every session a batch's spans belong to, created as an open placeholder when its own record has
// not arrived (live events, OTLP requests); one MERGE per session, not per span. New sessions are
// pending: readers must not take their empty totals as final.
UNWIND $sessionIds AS sessionId
MERGE (s:Session {projectId: $projectId, id: sessionId})
ON CREATE SET s.placeholder = true, s.status = 'open', s.pending = true, s.pendingSince = $now, s.dirtyAt = $now
RETURN count(s) AS sessions
