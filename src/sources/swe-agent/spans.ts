// One SWE-agent trajectory → spans. Each step is one model call (an LLM span: the thought and the
// command it chose) followed by running that command in SWE-agent's shell (a TOOL span, the call's
// child, named by the command: `open`, `edit`, `python`, `submit`, …; arguments are the whole
// command, the result its observation). The file has no timestamps: order is `seq`.
import type { SpanRecord } from '../../domain/model.ts';
import type { CallFigures } from './call-usage.ts';
import type { ModelChoice } from './model-name.ts';
import type { SweStep } from './schema.ts';

/**
 * Observations with which SWE-agent itself says the command was refused and nothing was done (its
 * edit linter, an unknown command). A failing script the agent ran on purpose is not an error of
 * the tool, so tracebacks are not matched.
 */
const REFUSALS = [/^Your proposed edit has introduced new syntax error/, /: command not found\b/];

export interface StepContext {
  sessionId: string;
  model: ModelChoice | undefined;
  /** Per-call figures from model_stats, or undefined when the file records none. */
  figures: CallFigures[] | undefined;
  /** The run replayed recorded actions (model_stats says no API call was made). */
  replayed: boolean;
}

export function commandName(action: string): string {
  return action.trim().split(/\s+/)[0] ?? '';
}

export function stepSpans(step: SweStep, index: number, ctx: StepContext): SpanRecord[] {
  const callId = `${ctx.sessionId}:step${index}`;
  const figures = ctx.figures?.[index];
  const thought = step.thought ?? step.response ?? '';
  const call: SpanRecord = {
    id: callId,
    sessionId: ctx.sessionId,
    kind: ctx.replayed ? 'OTHER' : 'LLM',
    name: ctx.replayed ? `step ${index + 1} (replayed, no API call)` : (ctx.model?.model ?? 'model call'),
    seq: index * 2,
    model: ctx.replayed ? null : (ctx.model?.model ?? null),
    provider: ctx.replayed ? null : (ctx.model?.provider ?? null),
    usage: ctx.replayed ? null : (figures?.usage ?? null),
    reportedCostUsd: ctx.replayed ? null : (figures?.costUsd ?? null),
    ...(step.response ? { result: step.response } : {}),
    ...(thought ? { textPreview: thought } : {}),
    attributes: {
      step: index,
      ...(ctx.model ? { modelFrom: ctx.model.from } : {}),
      ...(figures && !ctx.replayed ? { usageApportioned: 'per-call figures are info.model_stats totals spread over the calls (the split is not recorded)' } : {}),
    },
  };
  const command = commandName(step.action);
  if (!command) return [call];
  const observation = step.observation ?? '';
  const refused = REFUSALS.some((pattern) => pattern.test(observation));
  const tool: SpanRecord = {
    id: `${callId}:action`,
    sessionId: ctx.sessionId,
    parentId: callId,
    kind: 'TOOL',
    name: command,
    seq: index * 2 + 1,
    toolName: command,
    args: { command: step.action.replace(/\n$/, '') },
    result: observation,
    status: refused ? 'error' : 'ok',
    errorMessage: refused ? observation.split('\n')[0]!.slice(0, 500) : null,
    ...(step.execution_time !== null && step.execution_time !== undefined ? { durationMs: step.execution_time * 1000 } : {}),
  };
  return [call, tool];
}
