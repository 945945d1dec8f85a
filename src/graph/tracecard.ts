// Repository: everything one TraceCard needs, in two round trips: the session tree first, then the
// tree's spawns, post-spawn activity, failures, REPEATS edges, cost by model and by tool, and the
// top steps, in parallel. Rows are converted to plain typed values here; the compiler is pure.
import type {
  ActivityRow,
  CardInput,
  CostRow,
  FailureRow,
  RepeatRow,
  SpawnRow,
  StepRow,
  TreeSession,
} from '../tracecard/types.ts';
import type { Graph, Row } from './driver.ts';
import { costRollup, topSteps, type RollupRow } from './rollups.ts';

/** Top-cost steps fetched per card (the budget may show fewer). */
export const TOP_STEPS_FETCHED = 10;

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const bool = (v: unknown): boolean | null => (v === null || v === undefined ? null : Boolean(v));

function treeSession(r: Row): TreeSession {
  return {
    id: String(r.id),
    externalId: str(r.externalId),
    source: str(r.source),
    agentId: str(r.agentId),
    agentName: str(r.agentName),
    task: str(r.task),
    skill: str(r.skill),
    outcome: str(r.outcome),
    status: str(r.status),
    role: str(r.role),
    pending: r.pending === true,
    startedAt: str(r.startedAt),
    endedAt: str(r.endedAt),
    origin: str(r.origin),
    depth: num(r.depth),
    parentSpanId: str(r.parentSpanId),
    parentSessionId: str(r.parentSessionId),
    ownCostUsd: numOrNull(r.ownCostUsd),
    totalCostUsd: numOrNull(r.totalCostUsd),
    stats: {
      spans: num(r.spans),
      llmCalls: num(r.llmCalls),
      toolCalls: num(r.toolCalls),
      subagentCalls: num(r.subagentCalls),
      errors: num(r.errors),
      inputTokens: num(r.inputTokens),
      outputTokens: num(r.outputTokens),
      cacheReadTokens: num(r.cacheReadTokens),
      cacheWriteTokens: num(r.cacheWriteTokens),
      reasoningTokens: num(r.reasoningTokens),
      costUsd: num(r.costUsd),
      unpricedCalls: num(r.unpricedCalls),
      unpricedTokens: num(r.unpricedTokens),
      costSources: {
        reported: num(r.reportedCosts),
        computed: num(r.computedCosts),
        override: num(r.overrideCosts),
        unpriced: num(r.unpricedCosts),
      },
      priceVersions: ((r.priceVersions as unknown[] | null) ?? []).map(String).sort(),
      firstSpanAt: str(r.firstSpanAt),
      lastSpanAt: str(r.lastSpanAt),
    },
    lastLlmStatus: str(r.lastLlmStatus),
    lastLlmText: str(r.lastLlmText),
  };
}

const spawnRow = (r: Row): SpawnRow => ({
  spanId: String(r.spanId),
  sessionId: String(r.sessionId),
  seq: num(r.seq),
  status: str(r.status),
  spawnStatus: str(r.spawnStatus),
  label: str(r.label),
  task: str(r.task),
  childSessionId: str(r.childSessionId),
  resultPreview: str(r.resultPreview),
  argsCanonical: str(r.argsCanonical),
});

const activityRow = (r: Row): ActivityRow => ({
  sessionId: String(r.sessionId),
  seq: num(r.seq),
  kind: String(r.kind),
  argsCanonical: str(r.argsCanonical),
  textPreview: str(r.textPreview),
});

const failureRow = (r: Row): FailureRow => ({
  spanId: String(r.spanId),
  sessionId: String(r.sessionId),
  seq: num(r.seq),
  kind: String(r.kind),
  name: str(r.name),
  model: str(r.model),
  toolName: str(r.toolName),
  errorMessage: str(r.errorMessage),
  retryStatus: str(r.retryStatus),
  retrySameArgs: bool(r.retrySameArgs),
});

const repeatRow = (r: Row): RepeatRow => ({
  dupId: String(r.dupId),
  dupSessionId: String(r.dupSessionId),
  dupSeq: num(r.dupSeq),
  originalId: String(r.originalId),
  originalSessionId: String(r.originalSessionId),
  originalSeq: num(r.originalSeq),
  kind: String(r.kind),
  spanKind: String(r.spanKind),
  toolName: str(r.toolName),
  model: str(r.model),
  resource: str(r.resource),
  argsPreview: str(r.argsPreview),
  wastedUsd: numOrNull(r.wastedUsd),
  wastedTokens: numOrNull(r.wastedTokens),
  wastedMs: numOrNull(r.wastedMs),
});

const costRow = (r: RollupRow): CostRow => ({
  key: r.key1,
  costUsd: r.costUsd,
  calls: r.costBasis === 'attributed' ? r.toolCalls : r.llmCalls,
  errors: r.errors,
  unpricedCalls: r.unpricedCalls,
  inputTokens: r.inputTokens,
  outputTokens: r.outputTokens,
  cacheReadTokens: r.cacheReadTokens,
  cacheWriteTokens: r.cacheWriteTokens,
});

/** Everything the card of `sessionId` needs, or null when the project has no such session. */
export async function loadCardInput(graph: Graph, projectId: string, sessionId: string): Promise<CardInput | null> {
  const tree = (await graph.read('tracecard/session-tree', { projectId, sessionId })).map(treeSession);
  if (tree.length === 0) return null;
  const sessionIds = tree.map((s) => s.id);
  const scoped = { projectId, sessionIds };
  const [spawns, activity, failures, repeats, byModel, byTool, steps] = await Promise.all([
    graph.read('tracecard/spawns', scoped),
    graph.read('tracecard/activity', scoped),
    graph.read('tracecard/failures', scoped),
    graph.read('tracecard/repeats', scoped),
    costRollup(graph, projectId, ['model'], { sessionIds }),
    costRollup(graph, projectId, ['tool'], { sessionIds }),
    topSteps(graph, projectId, sessionId, TOP_STEPS_FETCHED),
  ]);
  return {
    sessionId,
    tree,
    spawns: spawns.map(spawnRow),
    activity: activity.map(activityRow),
    failures: failures.map(failureRow),
    repeats: repeats.map(repeatRow),
    byModel: byModel.map(costRow),
    byTool: byTool.map(costRow),
    topSteps: steps.map(
      (s): StepRow => ({
        spanId: String(s.spanId),
        sessionId: String(s.sessionId),
        kind: String(s.kind),
        model: str(s.model),
        toolName: str(s.toolName),
        costUsd: num(s.costUsd),
        share: num(s.share),
        inputTokens: num(s.inputTokens),
        outputTokens: num(s.outputTokens),
        cacheReadTokens: num(s.cacheReadTokens),
        cacheWriteTokens: num(s.cacheWriteTokens),
        status: String(s.status),
        seq: num(s.seq),
      }),
    ),
  };
}
