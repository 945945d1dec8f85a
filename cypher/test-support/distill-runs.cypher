// The stored distill runs of a project (the CLI test checks a run was persisted).
MATCH (r:DistillRun {projectId: $projectId})
RETURN r.id AS id, r.status AS status
