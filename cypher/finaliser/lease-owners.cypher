// The finalisers that hold live leases on pending sessions (see src/graph/lease-owners.ts).
MATCH (s:Session)
WHERE s.pending = true AND s.leaseUntil >= $now AND s.leaseOwner IS NOT NULL
RETURN DISTINCT s.leaseOwner AS owner
