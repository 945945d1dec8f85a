// Stores a new budget of the caller's project (src/graph/budgets.ts validates it first).
CREATE (b:Budget {projectId: $projectId, id: $budget.id})
SET b += $budget
RETURN b {.*} AS budget
