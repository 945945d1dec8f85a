// Gives claimed sessions back without finalising them (the finalisation failed, e.g. the database
// went away): they stay pending and any finaliser may claim them again at once.
UNWIND $claims AS claim
MATCH (s:Session {projectId: claim.projectId, id: claim.id})
WHERE s.leaseOwner = $owner
SET s.leaseOwner = null, s.leaseUntil = null
RETURN count(s) AS released
