// The project an API key (by its SHA-256 hash) acts for; no row when the key is unknown.
MATCH (k:ApiKey {hash: $hash})
RETURN k.projectId AS projectId
