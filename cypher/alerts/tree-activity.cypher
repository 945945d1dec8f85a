// When each given session tree was last active (its latest span end or start): rules fire only on
// trees active lately, so importing last year's history does not page anyone.
UNWIND $rootIds AS rootId
MATCH (root:Session {projectId: $projectId, id: rootId})
MATCH (root)-[:HAS_SPAN|SPAWNED*0..80]->(member:Session)
WITH DISTINCT rootId, member
MATCH (member)-[:HAS_SPAN]->(sp:Span)
RETURN rootId, max(coalesce(sp.endedAt, sp.startedAt)) AS lastActivity
