// The webhooks of a project, oldest first. The secret stays in the graph: only whether there is one.
MATCH (w:Webhook {projectId: $projectId})
RETURN w.id AS id, w.url AS url, w.format AS format, w.secret IS NOT NULL AS signed, w.createdAt AS createdAt
ORDER BY w.createdAtMs, w.id
