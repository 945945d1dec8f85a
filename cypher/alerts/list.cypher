// Alerts of a project, newest first, in keyset pages (firedAtMs, id); optionally those of one
// session tree, of one kind or level, or fired since an instant.
MATCH (al:Alert {projectId: $projectId})
WHERE ($sessionIds IS NULL OR al.sessionId IN $sessionIds)
  AND ($kind IS NULL OR al.kind = $kind)
  AND ($level IS NULL OR al.level = $level)
  AND ($sinceMs IS NULL OR al.firedAtMs >= $sinceMs)
  AND ($afterMs IS NULL OR al.firedAtMs < $afterMs OR (al.firedAtMs = $afterMs AND al.id > $afterId))
RETURN al {.*} AS alert
ORDER BY al.firedAtMs DESC, al.id
LIMIT $limit
