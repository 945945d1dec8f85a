// Adds a webhook to a project, unless the project already has $max of them (then nothing is
// created and no row comes back). The secret is stored to sign deliveries and never read back
// through the API (only whether there is one).
OPTIONAL MATCH (existing:Webhook {projectId: $projectId})
WITH count(existing) AS present
WHERE present < $max
CREATE (w:Webhook {projectId: $projectId, id: $id})
SET w.url = $url, w.format = $format, w.secret = $secret, w.createdAt = $createdAt, w.createdAtMs = $createdAtMs
RETURN w.id AS id, w.url AS url, w.format AS format, w.secret IS NOT NULL AS signed, w.createdAt AS createdAt
