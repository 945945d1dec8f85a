// Budget alerts of periods that started at or after an instant (the current periods), for the
// budget state of a session: which of them cover the session is decided by their budget's scope.
MATCH (al:Alert {projectId: $projectId, kind: 'BUDGET'})
WHERE al.periodStart IS NOT NULL AND al.periodStart >= $fromPeriod
RETURN al {.*} AS alert
ORDER BY al.firedAtMs DESC, al.id
