// Creates the missing (alert, webhook) deliveries: every alert fired at or after its webhook was
// added gets one PENDING delivery per webhook. Several engine processes run this at once: the
// MERGE on the unique key (projectId, id = alertId|webhookId) leaves one delivery whoever wins.
// Each webhook remembers the newest alert it has a delivery for (lastAlertMs); only alerts from
// $lookbackMs before that are looked at again, so a poll costs the recent alerts, not all of them.
// The look-back covers alerts committed a little after newer ones (another replica's finaliser).
// Written only when something is missing: an idle poll changes nothing (read caches stay valid).
MATCH (w:Webhook)
WHERE $projectId IS NULL OR w.projectId = $projectId
WITH w, CASE WHEN w.lastAlertMs IS NULL OR w.lastAlertMs - $lookbackMs < w.createdAtMs THEN w.createdAtMs ELSE w.lastAlertMs - $lookbackMs END AS fromMs
MATCH (a:Alert)
WHERE a.projectId = w.projectId AND a.firedAtMs >= fromMs
  AND NOT EXISTS { MATCH (:AlertDelivery {projectId: w.projectId, id: a.id + '|' + w.id}) }
WITH w, a ORDER BY a.firedAtMs, a.id
LIMIT $limit
MERGE (d:AlertDelivery {projectId: w.projectId, id: a.id + '|' + w.id})
  ON CREATE SET d.alertId = a.id, d.webhookId = w.id, d.url = w.url, d.status = 'PENDING', d.attempts = 0,
    d.nextAttemptAtMs = $now, d.createdAtMs = $now, d.firedAtMs = a.firedAtMs
WITH w, max(a.firedAtMs) AS newest, count(d) AS created
SET w.lastAlertMs = CASE WHEN w.lastAlertMs IS NULL OR newest > w.lastAlertMs THEN newest ELSE w.lastAlertMs END
RETURN sum(created) AS created
