// The sessions a reference typed at the CLI can mean (`clawtrace card <ref>`, and the refs the
// session tables print): the stored id or the source's own id (externalId), a prefix of either
// (`684637ff` → `openclaw:684637ff-…`), or the last segment of a nested id (`agent-a93ccab` →
// `claude-code:fa812bfe-…:agent-a93ccab`; $segment is ':' + the reference). Exact and segment
// matches sort first. At most $limit sessions, with the number of matches, so a caller can tell a
// complete candidate list from a cut one.
MATCH (s:Session {projectId: $projectId})
WHERE s.id STARTS WITH $ref OR s.externalId STARTS WITH $ref OR s.id ENDS WITH $segment
WITH s, (s.id = $ref OR s.externalId = $ref OR s.id ENDS WITH $segment) AS exact
ORDER BY exact DESC, s.id
WITH collect(s {.*, exact: exact}) AS matches
RETURN size(matches) AS total, matches[0..$limit] AS sessions
