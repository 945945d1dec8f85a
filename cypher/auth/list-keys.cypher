// API keys without their hashes: prefix, project, name, creation time.
MATCH (k:ApiKey)
WHERE $projectId IS NULL OR k.projectId = $projectId
RETURN k.prefix AS prefix, k.projectId AS projectId, k.name AS name, k.createdAt AS createdAt
ORDER BY k.projectId, k.createdAt
