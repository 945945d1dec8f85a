// Extends this finaliser's lease on the sessions it is still finalising (a long finalisation must
// not let another finaliser take them over).
UNWIND $claims AS claim
// By element id: the session claimed, whatever its id's characters.
MATCH (s:Session) WHERE elementId(s) = claim.elementId AND s.leaseOwner = $owner
SET s.leaseUntil = $leaseUntil
RETURN count(s) AS renewed
