// The GraphQL documents of the explorer, in one place so the schema they rely on is easy to review.

export const CATALOG = `query Catalog { agents { id name sessions } skills { name sessions } }`;

export const DASHBOARD = `
query Dashboard($where: RollupWhere, $range: TimeRange, $byTime: RollupDimension!, $sessions: SessionWhere!, $roots: SessionWhere!) {
  series: costRollup(groupBy: [$byTime], where: $where, timeRange: $range) {
    key1 costUsd llmCalls errors inputTokens outputTokens cacheReadTokens cacheWriteTokens sessions unpricedCalls
  }
  toolSeries: costRollup(groupBy: [TOOL, $byTime], where: $where, timeRange: $range) { key2 toolCalls }
  byModel: costRollup(groupBy: [MODEL], where: $where, timeRange: $range) { key1 costUsd llmCalls unpricedCalls }
  byTool: costRollup(groupBy: [TOOL], where: $where, timeRange: $range) { key1 costUsd toolCalls errors }
  allSessions: sessions(where: $sessions, first: 1) { totalCount }
  top: sessions(where: $roots, orderBy: { field: TOTAL_COST_USD, direction: DESC }, first: 5) {
    totalCount
    nodes { id agentName agentId task startedAt totalCostUsd inclusiveIsLowerBound missingSubagents spanCount }
  }
  waste: redundantCalls(first: 1000) { kind sessionId startedAt wastedUsd span { session { agentId skill } } }
}`;

export const SESSIONS_PAGE = `
query SessionsPage($where: SessionWhere, $orderBy: SessionOrder, $first: Int, $after: String) {
  sessions(where: $where, orderBy: $orderBy, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { id source agentName agentId task role status startedAt durationMs ownCostUsd totalCostUsd inclusiveIsLowerBound missingSubagents spanCount unpricedCalls }
  }
}`;

export const SESSION_HEADER = `
query SessionHeader($id: ID!) {
  session(id: $id) {
    id source externalId agentId agentName task skill cwd role status startedAt endedAt durationMs
    outcome score ownCostUsd totalCostUsd unpricedCalls totalUnpricedCalls spanCount placeholder
    inclusiveIsLowerBound missingSubagents
    missingSubagentSpawns { parentSessionId spanId status label task }
    parentSessionId spawnedBy { id name }
    childSessions { id }
  }
  redundantCalls(where: { sessionId: $id }, first: 1000) {
    kind spanId sessionId repeatsSpanId repeatsSessionId wastedUsd wastedTokens tokensEstimated
  }
}`;

/** One page of a session's call tree: structure, costs and what a row and its Gantt bar show. */
export const TREE_PAGE = `
query TreePage($id: ID!, $first: Int!, $after: String) {
  session(id: $id) {
    id startedAt endedAt
    tree(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        id parentId childIds spawnedSessionId kind name ownCostUsd inclusiveCostUsd unpricedDescendants
        span { seq startedAt durationMs model toolName status inputTokens outputTokens cacheReadTokens cacheWriteTokens spawnStatus snippet }
      }
    }
  }
}`;

export const SPAN_DETAIL = `
query SpanDetail($id: ID!) {
  span(id: $id) {
    id sessionId kind name seq startedAt endedAt durationMs model provider toolName toolCallId
    inputTokens outputTokens cacheReadTokens cacheWriteTokens reasoningTokens
    costUsd costSource priceVersion unpricedReason inclusiveCostUsd status errorMessage
    argsCanonical args snippet argsHash resultHash resultPreview resultChars textPreview attributes
    parentId spawnedSessionId spawnStatus session { id task }
    spawnedSession { id agentName task totalCostUsd inclusiveIsLowerBound missingSubagents spanCount }
  }
}`;

export const TRACE_CARD_PAGE = `
query CardPage($id: ID!, $budget: Int) {
  session(id: $id) { id task agentName agentId startedAt durationMs totalCostUsd }
  traceCard(sessionId: $id, budgetTokens: $budget) { yaml tokens truncated card }
}`;

/** Whether this server has CostCraft in its schema (older servers do not). */
export const DISTILL_AVAILABLE = `query DistillAvailable { __type(name: "DistillRun") { name } }`;

export const DISTILL_START = `
mutation Distill($input: DistillInput!) { distill(input: $input) { run { id status } } }`;

export const DISTILL_CANCEL = `
mutation Cancel($input: CancelDistillRunInput!) { cancelDistillRun(input: $input) { run { id status } } }`;

export const DISTILL_RUN = `
query Run($id: ID!) {
  distillRun(id: $id) {
    id skill mode status createdAt startedAt finishedAt durationMs timingsMs error versionId
    progress { phase done total fraction message }
    skillVersion { id number text diff tokens budgetTokens createdAt previousId }
    patches {
      id action rule rootCause targetCostSink section sourceSessions evidenceIds counterfactual
      confidence analyst model prevalence status reason notes
      cites { id kind evidence }
    }
  }
}`;

export const SKILL_VERSIONS = `
query SkillVersions($name: String!) {
  skill(name: $name) { name sessions versions(first: 20) { id number tokens budgetTokens mode runId createdAt } }
}`;

export const COHORTS = `
query Cohorts { cohorts(first: 200) { kind key name detectedBy sessions costUsd successes failures inferredOutcomes } }`;

export const DISTILL_SESSIONS = `
query DistillSessions($where: SessionWhere) {
  sessions(where: $where, first: 100, orderBy: { field: STARTED_AT, direction: DESC }) {
    totalCount
    nodes { id agentName agentId skill task startedAt totalCostUsd outcome inferredOutcome { result } }
  }
}`;

/** The root query fields of this server (what the alert feed checks before opening the stream). */
export const QUERY_FIELDS = `query QueryFields { __type(name: "Query") { fields { name } } }`;

/** What this server's Alert type offers: `deliveries` comes with alert delivery (webhooks). */
export const ALERT_FIELDS = `query AlertFields { __type(name: "Alert") { fields { name } } }`;

const ALERT_NODE = 'id kind level ruleId ruleName message sessionId spanId observedUsd thresholdUsd periodStart findingKind firedAt';
const DELIVERIES = 'deliveries { webhookId url status attempts lastError deliveredAt nextAttemptAt }';

/** The alerts page: newest first, with each alert's webhook deliveries where the server has them. */
export const alertsPage = (withDeliveries) => `
query AlertsPage($where: AlertWhere, $first: Int, $after: String) {
  alerts(where: $where, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { ${ALERT_NODE} ${withDeliveries ? DELIVERIES : ''} }
  }
}`;

/** Alerts fired since an instant: the banner's fallback when the server has no alert stream. */
export const ALERTS_SINCE = `
query AlertsSince($since: DateTime!) { alerts(where: { since: $since }, first: 50) { nodes { ${ALERT_NODE} } } }`;

export const BUDGETS_AND_RULES = `
query BudgetsAndRules {
  budgets { id name scope scopeValue window warnUsd limitUsd createdAt currentSpendUsd status }
  alertRules { id name kind scope scopeValue thresholdUsd windowMinutes minMinutes findingKinds cooldownMinutes createdAt }
}`;

export const CREATE_BUDGET = `
mutation CreateBudget($input: CreateBudgetInput!) { createBudget(input: $input) { budget { id name } } }`;

export const DELETE_BUDGET = `
mutation DeleteBudget($input: DeleteByIdInput!) { deleteBudget(input: $input) { deletedId } }`;

export const CREATE_ALERT_RULE = `
mutation CreateAlertRule($input: CreateAlertRuleInput!) { createAlertRule(input: $input) { alertRule { id name } } }`;

export const DELETE_ALERT_RULE = `
mutation DeleteAlertRule($input: DeleteByIdInput!) { deleteAlertRule(input: $input) { deletedId } }`;
