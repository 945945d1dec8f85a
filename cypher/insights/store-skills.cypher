// Replaces the detected skills of the given sessions: (:Session)-[:USED_SKILL {detectedBy, spanId}]->(:Skill),
// with the version used when the session shows it (versionHash: SKILL.md content hash; versionLabel).
// The Skill node is the one a recorded skill uses too (FOR_SKILL), so a skill tagged by a benchmark
// and the same skill detected in real sessions are one skill. Re-running gives the same edges. Derived
// edges are matched untyped (test/unit/cypher-derived-relationships.test.ts).
UNWIND $sessionIds AS sessionId
MATCH (s:Session {projectId: $projectId, id: sessionId})
CALL (s) {
  OPTIONAL MATCH (s)-[old]->(:Skill)
  WHERE type(old) = 'USED_SKILL'
  DELETE old
}
WITH s
CALL (s) {
  UNWIND [d IN $detections WHERE d.sessionId = s.id] AS d
  MERGE (k:Skill {projectId: $projectId, name: d.name})
  MERGE (s)-[u:USED_SKILL {detectedBy: d.detectedBy}]->(k)
  SET u.spanId = d.spanId, u.detections = d.count, u.versionHash = d.versionHash, u.versionLabel = d.versionLabel
}
RETURN count(s) AS sessions
