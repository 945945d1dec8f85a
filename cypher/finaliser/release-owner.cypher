// Drops every lease a finaliser holds (it is known dead): its sessions stay pending, claimable now.
MATCH (s:Session)
WHERE s.pending = true AND s.leaseOwner = $owner
SET s.leaseOwner = null, s.leaseUntil = null
RETURN count(s) AS released
