// Sessions written but not yet finalised ($projectId null: every project), and how long the
// oldest has waited. Reads the pending index, which holds only pending sessions.
MATCH (s:Session)
WHERE s.pending = true AND ($projectId IS NULL OR s.projectId = $projectId)
RETURN count(s) AS pending, min(s.pendingSince) AS oldestSince
