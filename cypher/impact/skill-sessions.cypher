// The sessions of a skill (recorded on the session, or detected: USED_SKILL) started in a time
// range, each with what the skill-impact report compares: the version it ran with (the SKILL.md
// content hash or label its detection carried), inclusive cost, LLM tokens and calls, steps (tool
// calls and spawns), waste by redundancy kind, its outcome (recorded, else inferred; both given)
// and the task it ran — a cron job, else its task key (the task text), else its prompt template —
// so versions are compared on the same tasks. Derived edges are matched untyped from a bound node.
MATCH (k:Skill {projectId: $projectId, name: $skill})
MATCH (s:Session)-[r]->(k)
WHERE type(r) IN ['FOR_SKILL', 'USED_SKILL'] AND s.projectId = $projectId AND NOT coalesce(s.placeholder, false)
  AND ($from IS NULL OR s.startedAt >= $from)
  AND ($to IS NULL OR s.startedAt < $to)
WITH s, collect(r) AS links
WITH s, [l IN links WHERE l.versionHash IS NOT NULL | l.versionHash][0] AS versionHash,
     [l IN links WHERE l.versionLabel IS NOT NULL | l.versionLabel][0] AS versionLabel,
     [l IN links WHERE type(l) = 'USED_SKILL' | l.detectedBy] AS detectedBy
CALL (s) {
  OPTIONAL MATCH (s)-[:HAS_SPAN]->(sp:Span)
  RETURN sum(CASE WHEN sp.kind = 'LLM' THEN coalesce(sp.inputTokens, 0) + coalesce(sp.outputTokens, 0)
                  + coalesce(sp.cacheReadTokens, 0) + coalesce(sp.cacheWriteTokens, 0) ELSE 0 END) AS tokens,
         count(CASE WHEN sp.kind = 'LLM' THEN 1 END) AS llmCalls,
         count(CASE WHEN sp.kind IN ['TOOL', 'SUBAGENT'] THEN 1 END) AS steps
}
CALL (s) {
  OPTIONAL MATCH (s)-[:HAS_SPAN]->(:Span)-[rep]->(:Span)
  WHERE type(rep) = 'REPEATS'
  WITH rep.kind AS kind, sum(coalesce(rep.wastedUsd, 0.0)) AS usd, count(rep) AS calls
  WHERE kind IS NOT NULL
  RETURN collect({kind: kind, usd: usd, calls: calls}) AS waste
}
CALL (s) {
  OPTIONAL MATCH (s)-[c]->(cohort:Cohort)
  WHERE type(c) = 'IN_COHORT' AND c.via = 'task'
  RETURN cohort.key AS cohortKey, cohort.name AS cohortName, cohort.detectedBy AS cohortKind
  LIMIT 1
}
RETURN s.id AS id, s.startedAt AS startedAt, versionHash, versionLabel, detectedBy,
       coalesce(s.totalCostUsd, 0.0) AS costUsd, coalesce(s.totalUnpricedCalls, 0) AS unpricedCalls,
       tokens, llmCalls, steps, waste, s.outcome AS outcome, s.inferredOutcome AS inferredOutcome,
       CASE WHEN cohortKind = 'cron_job' THEN cohortKey ELSE coalesce(s.taskKey, cohortKey) END AS taskKey,
       CASE WHEN cohortKind = 'cron_job' THEN cohortName ELSE coalesce(left(s.task, 80), cohortName) END AS taskName
ORDER BY s.startedAt, s.id
