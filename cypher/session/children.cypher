// The sessions spawned by the spans of each given session (DataLoader batch), in start order.
UNWIND $sessionIds AS parentId
MATCH (:Session {projectId: $projectId, id: parentId})-[:HAS_SPAN]->(:Span)-[:SPAWNED]->(c:Session)
WHERE c.projectId = $projectId
WITH DISTINCT parentId, c
RETURN parentId, c {.*} AS session
ORDER BY parentId, c.startedAt, c.id
