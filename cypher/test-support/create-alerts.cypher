// Test support: Alert nodes in the shape the finaliser writes (notes/alerts-contract.md), for the
// delivery and stream tests without budgets or rules.
UNWIND $alerts AS row
CREATE (a:Alert {projectId: $projectId, id: row.id})
SET a += row.props
RETURN count(a) AS created
