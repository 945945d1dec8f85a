// The outcomes recorded for each given session (DataLoader batch), newest first.
UNWIND $sessionIds AS sessionId
MATCH (:Session {projectId: $projectId, id: sessionId})<-[:OF]-(o:Outcome)
RETURN sessionId, o {.*} AS outcome
ORDER BY sessionId, o.recordedAt DESC, o.id
