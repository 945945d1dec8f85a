// The skills detected in each given session (DataLoader batch): name, how it was detected, the span
// that shows it and how often it was seen. Derived edges are matched untyped from the bound session.
UNWIND $sessionIds AS sessionId
MATCH (s:Session {projectId: $projectId, id: sessionId})-[r]->(k:Skill)
WHERE type(r) = 'USED_SKILL'
RETURN s.id AS sessionId, k.name AS name, r.detectedBy AS detectedBy, r.spanId AS spanId, coalesce(r.detections, 1) AS detections
ORDER BY sessionId, name, detectedBy
