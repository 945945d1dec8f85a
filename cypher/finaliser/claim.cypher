// Claims up to $limit pending sessions of ONE project for one finaliser ($owner) with a lease
// until $leaseUntil. The project is $projectId, or else the project of the due session that has
// waited longest: a slow project (a session of 10,000 spans) then never holds another project's
// sessions claimed while it works; they stay free for the next round or another engine process.
// A session whose lease is held by another live finaliser is skipped; an expired lease (its
// finaliser died) is taken over. A session is due once its writer's settle window has passed
// (`finaliseAfter`, see mark-dirty) or it has waited its longest (`finaliseBy`); a session created
// but never marked (its writer died in between) is due $settleMs after creation, by this
// finaliser's clock, so nothing stays pending for ever.
// The first SET takes the session's write lock; the lease is then re-read under that lock, so
// two finalisers (two engine replicas) can never both claim one session.
CALL {
  MATCH (oldest:Session)
  WHERE oldest.pending = true AND ($projectId IS NULL OR oldest.projectId = $projectId)
    AND (oldest.leaseUntil IS NULL OR oldest.leaseUntil < $now)
    AND (coalesce(oldest.finaliseAfter, oldest.dirtyAt + $settleMs, 0) <= $now OR coalesce(oldest.finaliseBy, oldest.pendingSince + $maxWaitMs, 0) <= $now)
  RETURN oldest.projectId AS claimProject
  ORDER BY oldest.pendingSince, oldest.projectId
  LIMIT 1
}
MATCH (s:Session {projectId: claimProject})
WHERE s.pending = true
  AND (s.leaseUntil IS NULL OR s.leaseUntil < $now)
  AND (coalesce(s.finaliseAfter, s.dirtyAt + $settleMs, 0) <= $now OR coalesce(s.finaliseBy, s.pendingSince + $maxWaitMs, 0) <= $now)
WITH s ORDER BY s.pendingSince, s.id LIMIT $limit
SET s.claimLock = true
WITH s WHERE s.pending = true AND (s.leaseUntil IS NULL OR s.leaseUntil < $now)
SET s.leaseOwner = $owner, s.leaseUntil = $leaseUntil
REMOVE s.claimLock
RETURN s.projectId AS projectId, s.id AS id, elementId(s) AS elementId, s.dirtyToken AS token, s.pendingSince AS pendingSince
