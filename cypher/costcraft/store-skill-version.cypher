// A skill version produced by a run: (:Skill)-[:HAS_VERSION]->(:SkillVersion)<-[:PRODUCED]-(:DistillRun),
// linked to the version it evolved from (PREVIOUS) when there is one.
MERGE (r:DistillRun {projectId: $projectId, id: $runId})
WITH r
MERGE (k:Skill {projectId: $projectId, name: $skill})
MERGE (v:SkillVersion {projectId: $projectId, id: $version.id})
SET v += $version
MERGE (k)-[:HAS_VERSION]->(v)
MERGE (r)-[:PRODUCED]->(v)
WITH v
CALL (v) {
  MATCH (prev:SkillVersion {projectId: $projectId, id: $previousId})
  MERGE (v)-[:PREVIOUS]->(prev)
}
RETURN v.id AS id
