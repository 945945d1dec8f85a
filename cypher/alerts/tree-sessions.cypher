// The session trees (a root session and its sub-agent sessions at any depth) of the given roots,
// as the alert rules see them: each member's agent, skills (recorded and detected) and the span
// it was spawned by, plus the root's inclusive cost (refreshed by the finalisation just before).
UNWIND $rootIds AS rootId
MATCH (root:Session {projectId: $projectId, id: rootId})
MATCH (root)-[:HAS_SPAN|SPAWNED*0..80]->(member:Session)
WITH DISTINCT root, member
OPTIONAL MATCH (member)-[used]->(skill:Skill)
WHERE type(used) = 'USED_SKILL'
WITH root, member, collect(DISTINCT skill.name) AS detected
RETURN root.id AS rootId, root.totalCostUsd AS rootTotalCostUsd, member.id AS sessionId, member.agentId AS agentId,
       [name IN detected + [member.skill] WHERE name IS NOT NULL] AS skills
