// Claims up to $limit due deliveries (PENDING, next attempt due, no live lease) for one worker
// ($owner) with a lease until $leaseUntil, oldest due first, of every project or of $projectId.
// As in finaliser/claim: the first SET takes the node's write lock and the lease is read again
// under it, so two engine processes never both claim (and POST) one delivery. The attempt is
// counted here, before the POST: a process killed mid-POST has used the attempt, so a delivery
// that kills its worker cannot be retried for ever.
MATCH (d:AlertDelivery)
WHERE d.status = 'PENDING' AND d.nextAttemptAtMs <= $now
  AND ($projectId IS NULL OR d.projectId = $projectId)
  AND (d.leaseUntilMs IS NULL OR d.leaseUntilMs < $now)
WITH d ORDER BY d.nextAttemptAtMs, d.id LIMIT $limit
SET d.claimLock = true
WITH d WHERE d.status = 'PENDING' AND (d.leaseUntilMs IS NULL OR d.leaseUntilMs < $now)
SET d.owner = $owner, d.leaseUntilMs = $leaseUntil, d.attempts = coalesce(d.attempts, 0) + 1,
    d.lastAttemptAt = $nowIso, d.lastAttemptAtMs = $now
REMOVE d.claimLock
WITH d
OPTIONAL MATCH (a:Alert {projectId: d.projectId, id: d.alertId})
OPTIONAL MATCH (w:Webhook {projectId: d.projectId, id: d.webhookId})
RETURN d.projectId AS projectId, d.id AS id, d.attempts AS attempts,
       a {.*} AS alert,
       w {.id, .url, .format, .secret} AS webhook
