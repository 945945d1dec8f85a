// Deletes the API keys with the given prefix (a key's non-secret handle); returns how many.
MATCH (k:ApiKey {prefix: $prefix})
DELETE k
RETURN count(*) AS revoked
