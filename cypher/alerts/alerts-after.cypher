// Alerts of a project after a stream position, in firing order (the SSE stream and its replay).
// Position: (firedAtMs, id) strictly after ($afterMs, $afterId); alerts already sent ($sentIds,
// the stream's recent ones it looks at again for late commits) are left out.
MATCH (a:Alert)
WHERE a.projectId = $projectId AND a.firedAtMs >= $fromMs
  AND (a.firedAtMs > $afterMs OR (a.firedAtMs = $afterMs AND a.id > $afterId))
  AND NOT a.id IN $sentIds
RETURN a {.*} AS alert
ORDER BY a.firedAtMs, a.id
LIMIT $limit
