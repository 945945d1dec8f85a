// Uniqueness constraints of DESIGN §4. Ids are unique per project (tenancy), so every key is the
// pair (projectId, id). Applied at start-up, idempotently, before any write.
// Statements in cypher/schema/ are separated by semicolons; all other folders hold one query a file.
CREATE CONSTRAINT session_key IF NOT EXISTS FOR (n:Session) REQUIRE (n.projectId, n.id) IS UNIQUE;
CREATE CONSTRAINT span_key IF NOT EXISTS FOR (n:Span) REQUIRE (n.projectId, n.id) IS UNIQUE;
CREATE CONSTRAINT agent_key IF NOT EXISTS FOR (n:Agent) REQUIRE (n.projectId, n.id) IS UNIQUE;
CREATE CONSTRAINT model_key IF NOT EXISTS FOR (n:Model) REQUIRE (n.projectId, n.id) IS UNIQUE;
CREATE CONSTRAINT tool_key IF NOT EXISTS FOR (n:Tool) REQUIRE (n.projectId, n.name) IS UNIQUE;
CREATE CONSTRAINT skill_key IF NOT EXISTS FOR (n:Skill) REQUIRE (n.projectId, n.name) IS UNIQUE;
CREATE CONSTRAINT cohort_key IF NOT EXISTS FOR (n:Cohort) REQUIRE (n.projectId, n.id) IS UNIQUE;
CREATE CONSTRAINT outcome_key IF NOT EXISTS FOR (n:Outcome) REQUIRE (n.projectId, n.id) IS UNIQUE;
CREATE CONSTRAINT distill_run_key IF NOT EXISTS FOR (n:DistillRun) REQUIRE (n.projectId, n.id) IS UNIQUE;
CREATE CONSTRAINT patch_key IF NOT EXISTS FOR (n:Patch) REQUIRE (n.projectId, n.id) IS UNIQUE;
CREATE CONSTRAINT skill_version_key IF NOT EXISTS FOR (n:SkillVersion) REQUIRE (n.projectId, n.id) IS UNIQUE;
CREATE CONSTRAINT event_key IF NOT EXISTS FOR (n:IngestedEvent) REQUIRE (n.projectId, n.id) IS UNIQUE;
CREATE CONSTRAINT api_key_hash IF NOT EXISTS FOR (n:ApiKey) REQUIRE n.hash IS UNIQUE;
CREATE CONSTRAINT schema_version_key IF NOT EXISTS FOR (n:SchemaVersion) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT trace_alias_key IF NOT EXISTS FOR (n:TraceAlias) REQUIRE (n.projectId, n.traceId) IS UNIQUE;
CREATE CONSTRAINT budget_key IF NOT EXISTS FOR (n:Budget) REQUIRE (n.projectId, n.id) IS UNIQUE;
CREATE CONSTRAINT alert_rule_key IF NOT EXISTS FOR (n:AlertRule) REQUIRE (n.projectId, n.id) IS UNIQUE;
CREATE CONSTRAINT alert_id IF NOT EXISTS FOR (n:Alert) REQUIRE (n.projectId, n.id) IS UNIQUE;
CREATE CONSTRAINT alert_crossing_key IF NOT EXISTS FOR (n:Alert) REQUIRE (n.projectId, n.key) IS UNIQUE;
CREATE CONSTRAINT alert_state_key IF NOT EXISTS FOR (n:AlertState) REQUIRE (n.projectId, n.key) IS UNIQUE;
