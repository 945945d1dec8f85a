// Stores a new API key: only its SHA-256 hash, never the key itself.
CREATE (k:ApiKey {hash: $hash, projectId: $projectId, prefix: $prefix, name: $name, createdAt: $createdAt})
RETURN k.prefix AS prefix
