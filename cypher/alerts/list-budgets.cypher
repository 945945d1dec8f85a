// The budgets of a project, oldest first.
MATCH (b:Budget {projectId: $projectId})
RETURN b {.*} AS budget
ORDER BY b.createdAtMs, b.id
