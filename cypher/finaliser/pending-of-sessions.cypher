// Which of the given sessions are still pending (finalisation not done since their last write).
UNWIND $sessionIds AS sessionId
MATCH (s:Session {projectId: $projectId, id: sessionId})
WHERE s.pending = true
RETURN s.id AS id
