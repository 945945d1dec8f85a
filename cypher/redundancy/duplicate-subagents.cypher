// duplicate_subagent (DESIGN §7): a sub-agent spawned with the same task as the nearest earlier
// spawn in the session tree. Tasks are compared normalised: lower case, runs of whitespace as one
// (split into words, so no regex replace is needed). Only spawns the runtime accepted count
// (spawnStatus linked or missing): a refused spawn started nothing, and spawning again after a
// refusal is not a duplicate. The stored task is a 500-character preview ending in a length
// marker, so tasks that differ only after that point would compare equal.
// A respawn after the earlier sub-agent's model call failed (an auth error, a rate limit: the
// runtime announces such a sub-agent as failed, and the parent's policy is to respawn it once) is
// a retry after a failure, not a duplicate: not flagged.
UNWIND $rootIds AS rootId
MATCH (root:Session {projectId: $projectId, id: rootId})
CALL (root) {
  MATCH (root)-[:HAS_SPAN|SPAWNED*0..80]->(:Session)-[:HAS_SPAN]->(sp:Span {kind: 'SUBAGENT'})
  WHERE sp.spawnTask IS NOT NULL AND sp.spawnStatus IN ['linked', 'missing']
  WITH DISTINCT sp ORDER BY sp.startedAt, sp.sessionId, sp.seq
  WITH [w IN split(replace(replace(replace(toLower(sp.spawnTask), '\n', ' '), '\t', ' '), '\r', ' '), ' ') WHERE w <> ''] AS taskWords,
       collect(sp) AS spawns
  WHERE size(spawns) > 1 AND size(taskWords) > 0
  UNWIND range(1, size(spawns) - 1) AS k
  RETURN spawns[k - 1] AS original, spawns[k] AS dup
}
WITH original, dup WHERE NOT EXISTS { (dup)-[:REPEATS]->() }
  AND NOT EXISTS {
    MATCH (original)-[:SPAWNED]->(:Session)-[:HAS_SPAN|SPAWNED*1..80]->(e:Span {kind: 'LLM', status: 'error'})
    WHERE e.startedAt < dup.startedAt
  }
MERGE (dup)-[r:REPEATS]->(original)
SET r.kind = 'duplicate_subagent'
RETURN count(r) AS found
