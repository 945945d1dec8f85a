// How many alerts match the filters of alerts/list (over all pages).
MATCH (al:Alert {projectId: $projectId})
WHERE ($sessionIds IS NULL OR al.sessionId IN $sessionIds)
  AND ($kind IS NULL OR al.kind = $kind)
  AND ($level IS NULL OR al.level = $level)
  AND ($sinceMs IS NULL OR al.firedAtMs >= $sinceMs)
RETURN count(al) AS total
