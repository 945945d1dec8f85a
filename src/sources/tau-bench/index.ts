// The τ-bench trajectory adapter: a historical-trajectories JSON file → one session per task ×
// trial (`tau:<task_id>:<trial>`), LLM spans per assistant message, TOOL spans per tool call, and
// an outcome per session from the trial's reward (1 → success). Pure: it reads only what it is
// given. The file has no token usage and no timestamps: usage is estimated only when a real
// tokenizer is passed in, times stay null (span order is `seq`).
import { SOURCES, type NormalisedBatch, type SessionRecord, type SourceKind } from '../../domain/model.ts';
import type { SourceFile } from '../types.ts';
import { compareWithGold } from './oracle.ts';
import type { OutcomeRecord } from './outcome.ts';
import { TauTrialSchema } from './schema.ts';
import { trialSpans, type TokenCounter } from './spans.ts';

export type { TokenCounter } from './spans.ts';
export { isStateChangingTool } from './tools.ts';

export interface TauBenchOptions {
  /** Skill the sessions are for (default `tau-airline`). */
  skill?: string;
  /** A real tokenizer for the agent model; without one, usage stays null and LLM calls are unpriced. */
  countTokens?: TokenCounter;
}

export interface TauBenchBatch extends NormalisedBatch {
  outcomes: OutcomeRecord[];
}

/**
 * `tau-bench` is not (yet) one of the model's source kinds: until it is, sessions are labelled
 * `events` (generic), and `origin`/`agentId` say where they came from.
 */
const PREFERRED_SOURCE = 'tau-bench';
export const TAU_SOURCE: SourceKind = (SOURCES as readonly string[]).includes(PREFERRED_SOURCE)
  ? (PREFERRED_SOURCE as SourceKind)
  : 'events';

export const tauSessionId = (taskId: number, trial: number): string => `tau:${taskId}:${trial}`;

export function parseTauBench(file: SourceFile, options: TauBenchOptions = {}): TauBenchBatch {
  const out: TauBenchBatch = { sessions: [], spans: [], spawns: [], rejections: [], outcomes: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(file.text);
  } catch (error) {
    out.rejections.push({ location: file.path, reason: `not JSON: ${(error as Error).message}` });
    return out;
  }
  if (!Array.isArray(raw)) {
    out.rejections.push({ location: file.path, reason: 'expected a JSON array of trials' });
    return out;
  }
  const seen = new Set<string>();
  raw.forEach((item, index) => {
    const parsed = TauTrialSchema.safeParse(item);
    if (!parsed.success) {
      const reason = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      out.rejections.push({ location: `${file.path}[${index}]`, reason });
      return;
    }
    const trial = parsed.data;
    const sessionId = tauSessionId(trial.task_id, trial.trial);
    if (seen.has(sessionId)) {
      out.rejections.push({ location: `${file.path}[${index}]`, reason: `duplicate trial ${sessionId}` });
      return;
    }
    seen.add(sessionId);
    const built = trialSpans(sessionId, trial.traj, options.countTokens);
    const session: SessionRecord = {
      id: sessionId,
      source: TAU_SOURCE,
      externalId: `task ${trial.task_id} trial ${trial.trial}`,
      agentId: 'tau-bench-agent',
      agentName: 'τ-bench agent (gpt-4o)',
      task: trial.info.task.instruction,
      skill: options.skill ?? 'tau-airline',
      status: 'completed',
      role: 'main',
      origin: `${file.path}[${index}]`,
    };
    out.sessions.push(session);
    out.spans.push(...built.spans);
    const gold = trial.info.reward_info?.actions ?? trial.info.task.actions;
    const mismatches = compareWithGold(gold, built.calls, trial.info.task.outputs, built.answerText);
    const success = trial.reward >= 1;
    out.outcomes.push({
      sessionId,
      outcome: success ? 'success' : 'failure',
      score: trial.reward,
      oracle: 'tau-bench reward',
      // A success by reward is a success: residual differences (e.g. reads) are not failures.
      mismatches: success ? [] : mismatches,
      goldJson: JSON.stringify({ actions: gold, outputs: trial.info.task.outputs }),
      failingSpanIds: success ? [] : [...new Set(mismatches.map((m) => m.spanId).filter((id): id is string => id !== null))],
    });
  });
  return out;
}
