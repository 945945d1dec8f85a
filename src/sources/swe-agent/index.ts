// The SWE-agent trajectory adapter: one `.traj` file → one session (`swe-agent:<run directory>/<instance>`:
// SWE-agent writes one file per instance into one directory per run, so the pair names the run
// wherever it is imported from), one LLM span per step and a TOOL span per command (spans.ts), the
// recorded model_stats spread over the calls (call-usage.ts). Pure.
import path from 'node:path';
import type { NormalisedBatch, SessionRecord, SpanRecord } from '../../domain/model.ts';
import type { SourceFile } from '../types.ts';
import { apportionCalls } from './call-usage.ts';
import { chooseModel } from './model-name.ts';
import { readTrajectory } from './read-trajectory.ts';
import { SweHistoryMessageSchema, SweInfoSchema, SweStepSchema, describeIssues, messageText, type SweHistoryMessage, type SweStep } from './schema.ts';
import { stepSpans } from './spans.ts';

export const sweAgentSessionId = (filePath: string): string =>
  `swe-agent:${path.basename(path.dirname(filePath))}/${path.basename(filePath).replace(/\.traj$/, '')}`;

/** The issue the run was given: the first non-demonstration user message, from `ISSUE:` on. */
function taskOf(history: readonly SweHistoryMessage[]): string | null {
  const first = history.find((m) => m.role === 'user' && !m.is_demo);
  if (!first) return null;
  const text = messageText(first);
  const issue = /ISSUE:\n([\s\S]*?)(?:\n\nINSTRUCTIONS:|$)/.exec(text)?.[1] ?? text;
  return issue.trim().slice(0, 2000) || null;
}

/** `submitted` (also `submitted (exit_cost)` …) completed; an exit on an error failed. */
function statusOf(exitStatus: string | null | undefined): SessionRecord['status'] {
  if (!exitStatus) return 'completed';
  return /error/i.test(exitStatus) && !/^submitted/.test(exitStatus) ? 'failed' : 'completed';
}

export function parseSweAgentTrajectory(file: SourceFile): NormalisedBatch {
  const out: NormalisedBatch = { sessions: [], spans: [], spawns: [], rejections: [] };
  const reading = readTrajectory(file.text);
  if (reading.problem) out.rejections.push({ location: `${file.path}:${reading.problem.line}`, reason: reading.problem.reason });
  if (!reading.steps.length && reading.problem) return out;

  const history: SweHistoryMessage[] = [];
  const rawHistory = reading.members.get('history');
  (Array.isArray(rawHistory) ? rawHistory : []).forEach((message, index) => {
    const checked = SweHistoryMessageSchema.safeParse(message);
    if (checked.success) history.push(checked.data);
    else out.rejections.push({ location: `${file.path}: history[${index}]`, reason: describeIssues(checked.error) });
  });
  const infoCheck = SweInfoSchema.safeParse(reading.members.get('info') ?? {});
  if (!infoCheck.success) out.rejections.push({ location: `${file.path}: info`, reason: `${describeIssues(infoCheck.error)}; the run's cost and usage are left unknown` });
  const info = infoCheck.success ? infoCheck.data : {};

  const steps: Array<{ step: SweStep; index: number }> = [];
  reading.steps.forEach(({ value, line }, index) => {
    const checked = SweStepSchema.safeParse(value);
    if (checked.success) steps.push({ step: checked.data, index });
    else out.rejections.push({ location: `${file.path}:${line}`, reason: `trajectory[${index}]: ${describeIssues(checked.error)}` });
  });

  const sessionId = sweAgentSessionId(file.path);
  const stats = info.model_stats ?? undefined;
  const replayed = stats !== undefined && stats.api_calls === 0;
  const figures = stats && !replayed ? apportionCalls(steps.length, stats, history) : undefined;
  const model = chooseModel(file.path, reading.members.get('replay_config'));
  const spans: SpanRecord[] = steps.flatMap(({ step }, position) => stepSpans(step, position, { sessionId, model, figures, replayed }));
  // More API calls than steps (SWE-agent re-asks after a malformed answer without recording it):
  // the recorded totals are still spread over the steps, and the count is kept.
  if (stats && !replayed && stats.api_calls !== steps.length) {
    for (const span of spans) if (span.kind === 'LLM') span.attributes = { ...span.attributes, recordedApiCalls: stats.api_calls };
  }
  out.spans.push(...spans);
  out.sessions.push({
    id: sessionId,
    source: 'swe-agent',
    externalId: path.basename(file.path).replace(/\.traj$/, ''),
    agentId: 'swe-agent',
    agentName: 'SWE-agent',
    task: taskOf(history),
    status: statusOf(info.exit_status),
    role: 'main',
    origin: file.path,
  });
  return out;
}

/** A `.traj` file whose start looks like a SWE-agent trajectory. */
export function isSweAgentTrajectory(name: string, head: string): boolean {
  return /\.traj$/.test(name) && /^\s*\{/.test(head) && /"(trajectory|history|environment|info)"\s*:/.test(head);
}
