// Whether any API key exists (no keys + loopback = local mode).
RETURN EXISTS { MATCH (:ApiKey) } AS exists
