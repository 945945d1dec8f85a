// Extends this finaliser's lease on the sessions it is still finalising (a long finalisation must
// not let another finaliser take them over).
UNWIND $claims AS claim
MATCH (s:Session {projectId: claim.projectId, id: claim.id})
WHERE s.leaseOwner = $owner
SET s.leaseUntil = $leaseUntil
RETURN count(s) AS renewed
