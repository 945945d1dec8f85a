// Prune evidence 1: redundancy findings (materialised REPEATS edges) in the given sessions,
// grouped by kind and step signature, with what the repeats read (resources, one per repeat). support = sessions with such a repeat; the waste is what the
// repeats cost (measured by redundancy detection). What that says depends on the kind: the
// information was already in the same context (duplicates, rereads), a failed call was retried
// unchanged, a state was awaited by re-checking (poll_loop), or another session had read it
// (handoff); src/costcraft/remedies.ts gives each its remedy.
// REPEATS is matched untyped, from the spans (see ingest/relink-next: a typed pattern may be planned
// as a scan of every REPEATS relationship in the database).
MATCH (s:Session {projectId: $projectId})-[:HAS_SPAN]->(dup:Span)-[r]->(orig:Span)
WHERE s.id IN $sessionIds AND type(r) = 'REPEATS'
WITH r.kind AS kind, coalesce(dup.stepSignature, dup.toolName, dup.name) AS signature, dup.toolName AS toolName,
     collect(dup.id) AS spanIds, collect(orig.id) AS originalIds, collect(DISTINCT s.id) AS sessionIds,
     collect(dup.resource) AS resources,
     sum(coalesce(r.wastedUsd, 0.0)) AS wastedUsd, sum(coalesce(r.wastedTokens, 0)) AS wastedTokens,
     sum(coalesce(r.wastedMs, 0)) AS wastedMs, count(dup) AS calls,
     count(CASE WHEN r.wastedUsd IS NULL THEN 1 END) AS unpricedRepeats
RETURN kind, signature, toolName, spanIds, originalIds, sessionIds, size(sessionIds) AS support, size($sessionIds) AS n,
       resources,
       calls, wastedUsd, wastedTokens, wastedMs, unpricedRepeats
ORDER BY wastedUsd DESC, calls DESC, kind, signature
