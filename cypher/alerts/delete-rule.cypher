// Deletes one alert rule (its alerts stay).
MATCH (r:AlertRule {projectId: $projectId, id: $id})
DETACH DELETE r
RETURN count(*) AS deleted
