// Indexes on what filters and joins use (DESIGN §4). Range indexes; all idempotent. Span indexes
// are kept to what queries use: each one costs ingest throughput.
CREATE INDEX span_session IF NOT EXISTS FOR (n:Span) ON (n.projectId, n.sessionId);
CREATE INDEX span_args_hash IF NOT EXISTS FOR (n:Span) ON (n.projectId, n.argsHash);
CREATE INDEX span_kind IF NOT EXISTS FOR (n:Span) ON (n.projectId, n.kind);
CREATE INDEX span_started IF NOT EXISTS FOR (n:Span) ON (n.projectId, n.startedAt);
CREATE INDEX session_started IF NOT EXISTS FOR (n:Session) ON (n.projectId, n.startedAt);
CREATE INDEX session_skill IF NOT EXISTS FOR (n:Session) ON (n.projectId, n.skill);
CREATE INDEX session_project IF NOT EXISTS FOR (n:Session) ON (n.projectId);
CREATE INDEX event_trace IF NOT EXISTS FOR (n:IngestedEvent) ON (n.projectId, n.traceId);
CREATE INDEX session_task_key IF NOT EXISTS FOR (n:Session) ON (n.projectId, n.taskKey);
CREATE INDEX usage_cell_project IF NOT EXISTS FOR (n:UsageCell) ON (n.projectId);
