// Every session a batch's spans belong to, created as an open placeholder when its own record has
// not arrived (live events, OTLP requests); one MERGE per session, not per span.
UNWIND $sessionIds AS sessionId
MERGE (s:Session {projectId: $projectId, id: sessionId})
ON CREATE SET s.placeholder = true, s.status = 'open'
RETURN count(s) AS sessions
