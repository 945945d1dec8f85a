// Labelled edits of the real τ-bench trials that simulate a skill version change, for the skill
// impact tests. The trials are real (50 tasks × 4 trials with rewards, gpt-4o); what is simulated:
//   - which SKILL.md a session read: one TOOL span `read skills/tau-airline/SKILL.md` is appended to
//     each session's normalised record, its result the version's text. It carries no cost (no LLM
//     call requested it), so it labels the session without changing what it cost;
//   - an agent that follows a prune rule: `withoutTool` removes every call of one tool (and the tool
//     message that answered it) from a trajectory; an assistant message left with nothing is removed.
//     The trial keeps its recorded reward (the oracle is not re-run);
//   - copies of a trial under another trial number (`trial + offset`), so the edited copy and the
//     original can sit in one project.
// Token usage is estimated with gpt-4o's tokenizer (τ-bench records none), as the held-out bench does.
import fs from 'node:fs';
import type { Pricer } from '../../src/domain/cost/index.ts';
import { importTauBatch } from '../../src/costcraft/tau-bench-import.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { refreshSessionInsights } from '../../src/graph/session-insights.ts';
import { parseTauBench } from '../../src/sources/tau-bench/index.ts';
import { gpt4oTokenCounter } from '../../src/sources/tau-bench/tokenizer.ts';
import { corpus } from './corpora.ts';
import { untilFinalised } from './finalised.ts';

export interface TauTrial {
  task_id: number;
  trial: number;
  reward: number;
  info: { task: { actions: unknown[]; instruction: string } };
  traj: Array<{ role: string; content?: string | null; tool_calls?: Array<{ id: string; function: { name: string } }> | null; tool_call_id?: string }>;
}

export const TAU_SKILL_PATH = 'skills/tau-airline/SKILL.md';

export function readTrials(): TauTrial[] {
  return JSON.parse(fs.readFileSync(corpus('tau-bench', 'gpt-4o-airline.json'), 'utf8')) as TauTrial[];
}

/** Labelled edit: the trial without any call of `tool` (nor the tool message answering it). */
export function withoutTool(trial: TauTrial, tool: string): TauTrial {
  const dropped = new Set<string>();
  const traj: TauTrial['traj'] = [];
  for (const m of trial.traj) {
    if (m.role === 'assistant' && m.tool_calls?.length) {
      const kept = m.tool_calls.filter((c) => {
        if (c.function.name !== tool) return true;
        dropped.add(c.id);
        return false;
      });
      if (kept.length === 0 && !m.content) continue;
      traj.push({ ...m, tool_calls: kept.length ? kept : null });
    } else if (m.role === 'tool' && m.tool_call_id && dropped.has(m.tool_call_id)) continue;
    else traj.push(m);
  }
  return { ...trial, traj };
}

/** Labelled edit: the same trial under another trial number. */
export const renumbered = (trial: TauTrial, offset: number): TauTrial => ({ ...trial, trial: trial.trial + offset });

const counter = gpt4oTokenCounter();

/** Imports trials through the τ-bench adapter, each session reading `skillText` (see above). */
export async function importTrialsReading(graph: Graph, projectId: string, trials: TauTrial[], skillText: string, pricer: Pricer): Promise<string[]> {
  const batch = parseTauBench({ path: 'tau-bench/gpt-4o-airline.json (edited copy)', text: JSON.stringify(trials) }, { countTokens: counter });
  for (const session of batch.sessions) {
    const seq = Math.max(-1, ...batch.spans.filter((s) => s.sessionId === session.id).map((s) => s.seq)) + 1;
    batch.spans.push({ id: `${session.id}:skill-read`, sessionId: session.id, kind: 'TOOL', name: 'read', toolName: 'read', seq, args: { path: TAU_SKILL_PATH }, result: skillText, status: 'ok' });
  }
  await importTauBatch(graph, projectId, batch, pricer);
  return batch.sessions.map((s) => s.id);
}

/**
 * Re-derives the sessions' insights with this code once everything is finalised: on a shared dev
 * Neo4j, another checkout's engine may have finalised them (finalisers drain every project) with
 * code that does not read skill versions yet. Idempotent.
 */
export async function refreshInsights(graph: Graph, projectId: string, sessionIds: string[]): Promise<void> {
  await untilFinalised(graph, projectId);
  await refreshSessionInsights(graph, projectId, sessionIds);
}
