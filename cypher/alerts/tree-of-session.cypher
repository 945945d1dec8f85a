// The tree a session belongs to: its root (a session no span spawned; the session itself in a spawn
// cycle) and every session of that tree, with the root's inclusive cost.
MATCH (s:Session {projectId: $projectId, id: $sessionId})
CALL (s) {
  OPTIONAL MATCH (root:Session)-[:HAS_SPAN|SPAWNED*0..80]->(s)
  WHERE root.projectId = $projectId AND NOT EXISTS { (:Span)-[:SPAWNED]->(root) }
  WITH s, collect(root) AS roots
  RETURN coalesce(head(roots), s) AS root
}
MATCH (root)-[:HAS_SPAN|SPAWNED*0..80]->(member:Session)
RETURN root.id AS rootId, root.totalCostUsd AS rootTotalCostUsd, collect(DISTINCT member.id) AS sessionIds,
       s.agentId AS agentId, s.skill AS skill,
       [(s)-[used]->(k:Skill) WHERE type(used) = 'USED_SKILL' | k.name] AS detectedSkills
