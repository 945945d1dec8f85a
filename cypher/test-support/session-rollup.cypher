// One session's stored cost rollups and how many child sessions it spawned (tests and CLI checks).
MATCH (s:Session {projectId: $projectId, id: $id})
OPTIONAL MATCH (s)-[:HAS_SPAN]->(:Span)-[:SPAWNED]->(child:Session)
RETURN s.ownCostUsd AS ownCostUsd, s.totalCostUsd AS totalCostUsd, s.role AS role, count(DISTINCT child) AS spawned
