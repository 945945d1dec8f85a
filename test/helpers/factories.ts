// Hand-made sessions as NormalisedBatch, for tests that need a precise shape the corpora do not
// give (a poll whose result changes, a write between two reads, a retried failing call...).
//
//   const batch = sessionWith({ name: 'poll' }, [
//     llmCall({ costUsd: 0.02, calls: [toolCall('read', { path: '/a.ts' }, { result: 'v1' })] }),
//     llmCall({ calls: [toolCall('read', { path: '/a.ts' }, { result: 'v1' })] }),
//   ]);
//
// Time is simulated: every span starts 1 s after the previous one ended, in the order written, so
// the order of the steps is the time order. A sub-agent runs while its spawn call is open (the
// spawn span lasts as long as the child session), so the parent resumes after the child ends.
// Ids are stable and readable: session `test:<name>`, span `test:<name>:<n>` (n from 1, in order).
import type { NormalisedBatch, SessionRecord, SourceKind, SpanRecord, SpawnRecord, Usage } from '../../src/domain/model.ts';
import { emptyBatch } from '../../src/domain/model.ts';

export const DEFAULT_START = '2026-01-01T00:00:00.000Z';
const GAP_MS = 1000;

export interface CallOptions {
  /** Tool result as the source gives it (string or JSON); omitted = no result recorded. */
  result?: unknown;
  status?: 'ok' | 'error';
  errorMessage?: string;
  durationMs?: number;
  /** Fixes the span id's suffix (default: its position in the session). */
  key?: string;
}

export interface ToolCallStep extends CallOptions {
  type: 'tool';
  toolName: string;
  args: unknown;
}

export interface SpawnStep extends CallOptions {
  type: 'spawn';
  task: string;
  label?: string;
  /** The child session (its steps run while the spawn is open); omitted = child transcript missing. */
  child?: SessionBuild;
  /** `refused` = the runtime refused the spawn (no child). */
  spawnStatus?: SpawnRecord['status'];
}

export type CallStep = ToolCallStep | SpawnStep;

export interface LlmStep {
  type: 'llm';
  model?: string;
  provider?: string;
  /** Reported cost of the call (USD); omitted = priced from tokens, or unpriced for unknown models. */
  costUsd?: number;
  usage?: Partial<Usage>;
  /** The request, when a source gives one (hashed like tool arguments). */
  args?: unknown;
  /** Assistant text of the answer. */
  text?: string;
  status?: 'ok' | 'error';
  durationMs?: number;
  key?: string;
  /** Tool calls this response made; they are its CALLED children. */
  calls?: CallStep[];
}

export type Step = LlmStep | CallStep;

export interface SessionSpec {
  /** Short name; the session id is `test:<name>`. */
  name: string;
  source?: SourceKind;
  startedAt?: string;
  task?: string;
  agentId?: string;
  skill?: string;
  status?: SessionRecord['status'];
}

/** A session not yet turned into records: a child's times depend on when its parent spawns it. */
export interface SessionBuild {
  spec: SessionSpec;
  steps: Step[];
}

export function toolCall(toolName: string, args: unknown, options: CallOptions = {}): ToolCallStep {
  return { type: 'tool', toolName, args, ...options };
}

export function spawnCall(task: string, child?: SessionBuild, options: Omit<SpawnStep, 'type' | 'task' | 'child'> = {}): SpawnStep {
  return { type: 'spawn', task, child, ...options };
}

export function llmCall(step: Omit<LlmStep, 'type'> = {}): LlmStep {
  return { type: 'llm', ...step };
}

/** A child session for `spawnCall`, built when the parent spawns it. */
export function subSession(spec: SessionSpec, steps: Step[]): SessionBuild {
  return { spec, steps };
}

export const sessionIdOf = (name: string): string => `test:${name}`;

/** Builds one session (and, recursively, the sub-agent sessions it spawns) as a NormalisedBatch. */
export function sessionWith(spec: SessionSpec, steps: Step[]): NormalisedBatch {
  const batch = emptyBatch();
  buildSession({ spec, steps }, Date.parse(spec.startedAt ?? DEFAULT_START), 'main', batch);
  return batch;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** Writes the session's records into `batch`; returns when it ended (epoch ms). */
function buildSession(build: SessionBuild, startMs: number, role: SessionRecord['role'], batch: NormalisedBatch): number {
  const sessionId = sessionIdOf(build.spec.name);
  const state = { clock: startMs, seq: 0, n: 0 };
  const spanId = (key: string | undefined) => `${sessionId}:${key ?? String(++state.n)}`;

  const addCall = (call: CallStep, parentId: string | null) => {
    const id = spanId(call.key);
    const startedAt = state.clock;
    let durationMs = call.durationMs ?? 100;
    if (call.type === 'spawn' && call.child) {
      const childEnd = buildSession(call.child, startedAt + 1, 'subagent', batch);
      durationMs = Math.max(durationMs, childEnd - startedAt + 1);
    }
    const span: SpanRecord = {
      id,
      sessionId,
      parentId,
      kind: call.type === 'spawn' ? 'SUBAGENT' : 'TOOL',
      name: call.type === 'spawn' ? 'sessions_spawn' : call.toolName,
      seq: state.seq++,
      startedAt: iso(startedAt),
      endedAt: iso(startedAt + durationMs),
      durationMs,
      toolName: call.type === 'spawn' ? 'sessions_spawn' : call.toolName,
      toolCallId: `call-${id}`,
      status: call.status ?? 'ok',
      errorMessage: call.errorMessage ?? (call.status === 'error' ? 'failed' : null),
      args: call.type === 'spawn' ? { task: call.task, ...(call.label ? { label: call.label } : {}) } : call.args,
      ...(call.result !== undefined ? { result: call.result } : {}),
    };
    batch.spans.push(span);
    if (call.type === 'spawn') {
      const status = call.spawnStatus ?? (call.child ? 'linked' : 'missing');
      batch.spawns.push({
        spanId: id,
        parentSessionId: sessionId,
        childSessionId: status === 'linked' && call.child ? sessionIdOf(call.child.spec.name) : null,
        status,
        task: call.task,
        label: call.label ?? null,
        linkedBy: 'factory',
      });
    }
    state.clock = startedAt + durationMs + GAP_MS;
  };

  for (const step of build.steps) {
    if (step.type !== 'llm') {
      addCall(step, null);
      continue;
    }
    const id = spanId(step.key);
    const startedAt = state.clock;
    const durationMs = step.durationMs ?? 500;
    batch.spans.push({
      id,
      sessionId,
      parentId: null,
      kind: 'LLM',
      name: step.model ?? 'test-model',
      seq: state.seq++,
      startedAt: iso(startedAt),
      endedAt: iso(startedAt + durationMs),
      durationMs,
      model: step.model ?? 'test-model',
      provider: step.provider ?? 'test',
      usage: { input: 1000, output: 100, ...step.usage },
      reportedCostUsd: step.costUsd ?? null,
      status: step.status ?? 'ok',
      ...(step.args !== undefined ? { args: step.args } : {}),
      ...(step.text !== undefined ? { result: step.text, textPreview: step.text } : {}),
    });
    state.clock = startedAt + durationMs + GAP_MS;
    for (const call of step.calls ?? []) addCall(call, id);
  }

  batch.sessions.push({
    id: sessionId,
    source: build.spec.source ?? 'openclaw',
    externalId: build.spec.name,
    agentId: build.spec.agentId ?? 'test-agent',
    task: build.spec.task ?? null,
    skill: build.spec.skill ?? null,
    startedAt: iso(startMs),
    endedAt: iso(state.clock),
    status: build.spec.status ?? 'completed',
    role,
  });
  return state.clock;
}
