// Claims up to $limit pending sessions for one finaliser ($owner) with a lease until $leaseUntil.
// A session whose lease is held by another live finaliser is skipped; an expired lease (its
// finaliser died) is taken over. A session is due once its writer's settle window has passed
// (`finaliseAfter`, see mark-dirty) or it has waited its longest (`finaliseBy`); a session created
// but never marked (its writer died in between) is due $settleMs after creation, by this
// finaliser's clock, so nothing stays pending for ever.
// The first SET takes the session's write lock; the lease is then re-read under that lock, so
// two finalisers (two engine replicas) can never both claim one session.
MATCH (s:Session)
WHERE s.pending = true AND ($projectId IS NULL OR s.projectId = $projectId)
  AND (s.leaseUntil IS NULL OR s.leaseUntil < $now)
  AND (coalesce(s.finaliseAfter, s.dirtyAt + $settleMs, 0) <= $now OR coalesce(s.finaliseBy, s.pendingSince + $maxWaitMs, 0) <= $now)
WITH s ORDER BY s.pendingSince, s.projectId, s.id LIMIT $limit
SET s.claimLock = true
WITH s WHERE s.pending = true AND (s.leaseUntil IS NULL OR s.leaseUntil < $now)
SET s.leaseOwner = $owner, s.leaseUntil = $leaseUntil
REMOVE s.claimLock
RETURN s.projectId AS projectId, s.id AS id, elementId(s) AS elementId, s.dirtyToken AS token, s.pendingSince AS pendingSince
