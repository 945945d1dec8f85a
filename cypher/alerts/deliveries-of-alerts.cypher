// The deliveries of the given alerts: those made or under way, and for each webhook that existed
// when an alert fired but has no delivery yet (a worker creates it within a poll) a PENDING row
// with no attempts, so the list never depends on whether a worker has been round yet.
UNWIND $alertIds AS alertId
MATCH (a:Alert {projectId: $projectId, id: alertId})
CALL (a) {
  MATCH (d:AlertDelivery {projectId: $projectId, alertId: a.id})
  RETURN d.webhookId AS webhookId, d.url AS url, d.status AS status, d.attempts AS attempts,
         d.lastAttemptAt AS lastAttemptAt, d.nextAttemptAtMs AS nextAttemptAtMs, d.deliveredAt AS deliveredAt,
         d.lastError AS lastError
  UNION
  MATCH (w:Webhook {projectId: $projectId})
  WHERE w.createdAtMs <= a.firedAtMs
    AND NOT EXISTS { MATCH (:AlertDelivery {projectId: $projectId, id: a.id + '|' + w.id}) }
  RETURN w.id AS webhookId, w.url AS url, 'PENDING' AS status, 0 AS attempts,
         null AS lastAttemptAt, null AS nextAttemptAtMs, null AS deliveredAt, null AS lastError
}
RETURN a.id AS alertId, webhookId, url, status, attempts, lastAttemptAt, nextAttemptAtMs, deliveredAt, lastError
ORDER BY alertId, webhookId
