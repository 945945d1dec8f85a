// Runs left QUEUED or RUNNING by a server that is gone: marked FAILED with the reason, never left
// hanging. A run belongs to the process that started it (instanceId); another instance's run is
// stale only when its heartbeat is older than $staleBefore (so a cluster peer's live run is kept).
MATCH (r:DistillRun)
WHERE r.status IN ['QUEUED', 'RUNNING'] AND coalesce(r.instanceId, '') <> $instanceId
  AND coalesce(r.heartbeatAt, '') < $staleBefore
SET r.status = 'FAILED', r.error = $reason, r.finishedAt = $now
RETURN r.projectId AS projectId, r.id AS id
