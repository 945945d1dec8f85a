// The alert rules of a project, oldest first.
MATCH (r:AlertRule {projectId: $projectId})
RETURN r {.*} AS rule
ORDER BY r.createdAtMs, r.id
