// One DistillRun by id, within the project.
MATCH (r:DistillRun {projectId: $projectId, id: $id})
RETURN properties(r) AS run
