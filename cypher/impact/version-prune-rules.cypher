// The prune rules a stored skill version was written with: the kept prune patches of the run that
// produced it, with the evidence ids that name the step signature each one targets.
MATCH (:SkillVersion {projectId: $projectId, id: $versionId})<-[:PRODUCED]-(:DistillRun)-[:PRODUCED]->(p:Patch)
WHERE p.action = 'prune' AND p.status = 'kept'
RETURN p.id AS id, p.rule AS rule, p.targetCostSink AS target, p.evidenceIds AS evidenceIds
ORDER BY p.id
