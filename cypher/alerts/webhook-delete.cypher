// Removes a webhook and the deliveries not yet made to it (a worker holding one mid-POST finds it
// gone when it records the outcome). Delivered and failed deliveries stay as the alert's history:
// they carry the URL they went to.
MATCH (w:Webhook {projectId: $projectId, id: $id})
OPTIONAL MATCH (d:AlertDelivery {projectId: $projectId, webhookId: $id})
WHERE d.status = 'PENDING'
WITH w, collect(d) AS pending
FOREACH (d IN pending | DELETE d)
DELETE w
RETURN $id AS id, size(pending) AS droppedDeliveries
