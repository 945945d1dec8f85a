// Stores a new spend-rate or waste rule of the caller's project.
CREATE (r:AlertRule {projectId: $projectId, id: $rule.id})
SET r += $rule
RETURN r {.*} AS rule
