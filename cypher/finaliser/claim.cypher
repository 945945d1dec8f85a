// Claims up to $limit pending sessions for one finaliser ($owner) with a lease until $leaseUntil.
// A session whose lease is held by another live finaliser is skipped; an expired lease (its
// finaliser died) is taken over. Sessions marked less than $settleMs ago are left to settle so a
// burst of requests for one session is finalised once, unless they have waited $maxWaitMs.
// The first SET takes the session's write lock; the lease is then re-read under that lock, so
// two finalisers (two engine replicas) can never both claim one session.
MATCH (s:Session)
WHERE s.pending = true AND ($projectId IS NULL OR s.projectId = $projectId)
  AND (s.leaseUntil IS NULL OR s.leaseUntil < $now)
  AND (s.dirtyAt IS NULL OR s.dirtyAt <= $now - $settleMs OR s.pendingSince <= $now - $maxWaitMs)
WITH s ORDER BY s.pendingSince, s.projectId, s.id LIMIT $limit
SET s.claimLock = true
WITH s WHERE s.pending = true AND (s.leaseUntil IS NULL OR s.leaseUntil < $now)
SET s.leaseOwner = $owner, s.leaseUntil = $leaseUntil
REMOVE s.claimLock
RETURN s.projectId AS projectId, s.id AS id, s.dirtyToken AS token, s.pendingSince AS pendingSince
