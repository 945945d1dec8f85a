// The distill runs of a project (optionally of one skill), the most recent first.
MATCH (r:DistillRun {projectId: $projectId})
WHERE $skill IS NULL OR r.skill = $skill
RETURN properties(r) AS run
ORDER BY r.createdAt DESC, r.id DESC
LIMIT $limit
