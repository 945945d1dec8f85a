// Spans that may show a skill in use (src/domain/insights/skills.ts decides): tool calls whose
// arguments name a SKILL.md file, Claude Code `Skill` tool calls, and spans carrying a `skill`
// attribute (OTLP `clawtrace.skill`; only spans converted by the OTLP rules carry it — OTLP and
// Langfuse exports — so other sources' attributes are not read), and the OTHER spans the Claude
// Code adapter writes where the harness loaded a skill by itself (`skillInjected`). With each
// session's prompt, for slash commands. A read's skillContentHash is the version it returned; OTLP's skillHash /
// skillVersion attributes name one too. In step order, so a session that read two versions is
// counted with the first.
UNWIND $sessionIds AS sessionId
MATCH (s:Session {projectId: $projectId, id: sessionId})
CALL (s) {
  OPTIONAL MATCH (s)-[:HAS_SPAN]->(sp:Span)
  WHERE (sp.kind = 'TOOL' AND (sp.argsCanonical CONTAINS 'SKILL.md' OR toLower(sp.toolName) = 'skill'))
     OR (s.source IN ['otlp', 'langfuse'] AND sp.attributesJson CONTAINS '"skill')
     OR (sp.kind = 'OTHER' AND sp.attributesJson CONTAINS '"skillInjected"')
  WITH sp ORDER BY sp.seq
  RETURN collect(sp {.id, .toolName, .argsCanonical, .attributesJson, .skillContentHash}) AS spans
}
RETURN s.id AS sessionId, s.task AS task, s.sessionKey AS sessionKey, spans
