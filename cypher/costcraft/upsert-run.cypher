// A DistillRun job's state, written at every transition and progress step (the graph is the
// record that survives a restart). $run holds scalar properties only; the result is JSON text.
MERGE (r:DistillRun {projectId: $projectId, id: $run.id})
SET r += $run
WITH r
CALL (r) {
  WITH r WHERE r.skill IS NOT NULL
  MERGE (k:Skill {projectId: $projectId, name: r.skill})
  MERGE (r)-[:FOR_SKILL]->(k)
}
RETURN r.id AS id, r.status AS status
