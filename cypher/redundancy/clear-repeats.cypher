// Deletes the REPEATS edges of every span in the given trees, so detection can run again from a
// clean slate: re-ingest never duplicates a finding, and a finding that no longer holds (a late
// write between two reads) disappears.
// REPEATS is matched untyped, from the spans (see ingest/relink-next: a typed pattern may be planned
// as a scan of every REPEATS relationship in the database).
UNWIND $rootIds AS rootId
MATCH (root:Session {projectId: $projectId, id: rootId})
CALL (root) {
  MATCH (root)-[:HAS_SPAN|SPAWNED*0..80]->(:Session)-[:HAS_SPAN]->(:Span)-[r]->()
  WHERE type(r) = 'REPEATS'
  DELETE r
  RETURN count(r) AS deleted
}
RETURN sum(deleted) AS deleted
