// Deletes one budget (its alerts stay: they are history).
MATCH (b:Budget {projectId: $projectId, id: $id})
DETACH DELETE b
RETURN count(*) AS deleted
