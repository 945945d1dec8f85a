// Ends this finaliser's lease on sessions it finalised. A session whose token is still the one
// seen at claim time is final (pending cleared); one marked again meanwhile stays pending for the
// next round. Written properties first, so the token is compared under the session's write lock.
UNWIND $claims AS claim
// By element id: the session claimed, whatever its id's characters.
MATCH (s:Session) WHERE elementId(s) = claim.elementId AND s.leaseOwner = $owner
SET s.leaseOwner = null, s.leaseUntil = null
WITH s, claim, coalesce(s.dirtyToken, '') = coalesce(claim.token, '') AS unchanged
SET s.pending = CASE WHEN unchanged THEN null ELSE true END,
    s.pendingSince = CASE WHEN unchanged THEN null ELSE s.pendingSince END,
    s.finaliseBy = CASE WHEN unchanged THEN null ELSE s.finaliseBy END,
    s.finalisedAt = $now
RETURN elementId(s) AS elementId, unchanged AS final
