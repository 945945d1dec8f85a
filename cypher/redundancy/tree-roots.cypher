// The root sessions of the trees the given sessions belong to (a root was spawned by no span).
// Redundancy is found per tree (a session and its sub-agent sessions, at any depth), so a late
// child re-runs detection for its whole tree. A session caught in a spawn cycle, which has no
// root, is its own root.
UNWIND $sessionIds AS sessionId
MATCH (s:Session {projectId: $projectId, id: sessionId})
CALL (s) {
  OPTIONAL MATCH (root:Session)-[:HAS_SPAN|SPAWNED*0..80]->(s)
  WHERE root.projectId = $projectId AND NOT EXISTS { (:Span)-[:SPAWNED]->(root) }
  RETURN collect(DISTINCT root.id) AS roots
}
UNWIND CASE WHEN size(roots) = 0 THEN [s.id] ELSE roots END AS rootId
RETURN DISTINCT rootId
