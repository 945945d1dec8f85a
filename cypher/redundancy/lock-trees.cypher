// Takes the write lock of each tree's root session before redundancy is recomputed in the same
// transaction: two finalisers that touch one tree (a parent and a late child finalised at once)
// then recompute it one after the other, so neither adds findings beside the other's.
UNWIND $rootIds AS rootId
MATCH (root:Session {projectId: $projectId, id: rootId})
SET root.redundancyAt = $now
RETURN count(root) AS locked
