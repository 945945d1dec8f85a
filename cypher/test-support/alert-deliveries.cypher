// Test support: every delivery of a project as stored, lease fields included.
MATCH (d:AlertDelivery {projectId: $projectId})
RETURN d {.*} AS delivery
ORDER BY d.id
