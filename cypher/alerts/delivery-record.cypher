// Records the outcome of this worker's attempts: DELIVERED, FAILED, or PENDING again with the next
// attempt's time. Only deliveries this worker still holds: one whose webhook was deleted meanwhile
// is gone, and nothing is recorded for it.
UNWIND $results AS r
MATCH (d:AlertDelivery {projectId: r.projectId, id: r.id})
WHERE d.owner = $owner
SET d.status = r.status, d.nextAttemptAtMs = r.nextAttemptAtMs, d.lastError = r.lastError,
    d.deliveredAt = r.deliveredAt, d.lastStatusCode = r.statusCode,
    d.owner = null, d.leaseUntilMs = null
RETURN count(d) AS recorded
