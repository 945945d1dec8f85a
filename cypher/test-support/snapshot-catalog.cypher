// The catalog nodes of a project (models, tools, agents, skills) with their properties, for the
// arrival-order test's canonical snapshot. One UNION branch per label, each on its key constraint.
MATCH (n:Model {projectId: $projectId}) RETURN 'Model' AS label, n.id AS key, properties(n) AS props
UNION ALL
MATCH (n:Tool {projectId: $projectId}) RETURN 'Tool' AS label, n.name AS key, properties(n) AS props
UNION ALL
MATCH (n:Agent {projectId: $projectId}) RETURN 'Agent' AS label, n.id AS key, properties(n) AS props
UNION ALL
MATCH (n:Skill {projectId: $projectId}) RETURN 'Skill' AS label, n.name AS key, properties(n) AS props
