// Gives claimed sessions back without finalising them (the finalisation failed, e.g. the database
// went away): they stay pending and any finaliser may claim them again at once.
UNWIND $claims AS claim
// By element id: the session claimed, whatever its id's characters.
MATCH (s:Session) WHERE elementId(s) = claim.elementId AND s.leaseOwner = $owner
SET s.leaseOwner = null, s.leaseUntil = null
RETURN count(s) AS released
