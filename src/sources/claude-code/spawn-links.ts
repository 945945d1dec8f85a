// Which sub-agent transcript each Task/Agent call started.
//
// Evidence, strongest first (a call and an agent are each linked at most once; the first evidence
// wins):
//   1. `toolUseResult.agentId` on the parent's tool_result for the call (Claude Code >= 2.0);
//   2. `progress` lines `data.type:"agent_progress"` with `data.agentId` and `parentToolUseID`;
//   3. `<sid>/subagents/agent-<id>.meta.json` with `toolUseId`;
//   4. for transcripts that name no agent (old inline sidechains, stripped files): the sub-agent's
//      first prompt equals the call's `prompt`, and it started within seconds of the call; the
//      closest in time wins, since retries reuse the prompt.
// Evidence is only used within one main session (its root sessionId), where agent ids are unique.
import type { SpawnRecord } from '../../domain/model.ts';
import { sessionIdOf } from './ids.ts';
import { TASK_PREVIEW_CHARS, compareText, normaliseForMatch, truncate } from './text.ts';

export type LinkSource = 'toolUseResult.agentId' | 'agent_progress' | 'meta.json' | 'task-prompt+time';

export interface TaskCall {
  spanId: string;
  /** The session the call was made in (main or a sub-agent: sub-agents can spawn too). */
  sessionId: string;
  rootSessionId: string | null;
  toolUseId: string;
  prompt: string | null;
  description: string | null;
  subagentType: string | null;
  startMs: number | null;
  /** How the tool call ended: a result, an error result, or no result (interrupted / still running). */
  outcome: 'ok' | 'error' | 'none';
}

export interface AgentSession {
  sessionId: string;
  rootSessionId: string | null;
  agentId: string;
  firstPrompt: string | null;
  startMs: number | null;
  /** Internal runs (compaction, prompt suggestions, side questions) are never spawned by a call: excluded from prompt matching. */
  isInternal: boolean;
}

export interface SpawnEvidence {
  rootSessionId: string | null;
  toolUseId: string;
  agentId: string;
  source: Exclude<LinkSource, 'task-prompt+time'>;
}

export interface SpawnLink {
  agentId: string;
  childSessionId: string;
  linkedBy: LinkSource;
}

const EVIDENCE_ORDER: SpawnEvidence['source'][] = ['toolUseResult.agentId', 'agent_progress', 'meta.json'];
/** A sub-agent's first line is written within ~0.1 s of the call in real files; allow slack. */
const MATCH_BEFORE_MS = 10_000;
const MATCH_AFTER_MS = 120_000;

function scoped(rootSessionId: string | null, id: string): string {
  return `${rootSessionId ?? ''}\u0000${id}`;
}

function byEvidence(calls: TaskCall[], evidence: SpawnEvidence[], links: Map<string, SpawnLink>, usedChildren: Set<string>): void {
  const callsByToolUse = new Map(calls.map((c) => [scoped(c.rootSessionId, c.toolUseId), c]));
  for (const source of EVIDENCE_ORDER) {
    const ofSource = evidence.filter((e) => e.source === source);
    ofSource.sort((a, b) => compareText(a.toolUseId, b.toolUseId) || compareText(a.agentId, b.agentId));
    for (const e of ofSource) {
      const call = callsByToolUse.get(scoped(e.rootSessionId, e.toolUseId));
      if (!call || links.has(call.spanId)) continue;
      const childSessionId = sessionIdOf({ rootSessionId: e.rootSessionId, agentId: e.agentId });
      if (usedChildren.has(childSessionId)) continue;
      links.set(call.spanId, { agentId: e.agentId, childSessionId, linkedBy: source });
      usedChildren.add(childSessionId);
    }
  }
}

function timeDistance(call: TaskCall, agent: AgentSession): number | null {
  if (call.startMs === null || agent.startMs === null) return 0;
  const delta = agent.startMs - call.startMs;
  return delta >= -MATCH_BEFORE_MS && delta <= MATCH_AFTER_MS ? Math.abs(delta) : null;
}

function byPromptAndTime(calls: TaskCall[], agents: AgentSession[], links: Map<string, SpawnLink>, usedChildren: Set<string>): void {
  const pending = calls
    .filter((c) => !links.has(c.spanId) && c.prompt)
    .sort((a, b) => (a.startMs ?? 0) - (b.startMs ?? 0) || compareText(a.spanId, b.spanId));
  for (const call of pending) {
    const wanted = normaliseForMatch(call.prompt ?? '');
    let best: { agent: AgentSession; distance: number } | null = null;
    for (const agent of agents) {
      if (agent.isInternal || usedChildren.has(agent.sessionId) || agent.rootSessionId !== call.rootSessionId) continue;
      if (agent.firstPrompt === null || normaliseForMatch(agent.firstPrompt) !== wanted) continue;
      const distance = timeDistance(call, agent);
      if (distance === null) continue;
      if (!best || distance < best.distance || (distance === best.distance && agent.sessionId < best.agent.sessionId)) {
        best = { agent, distance };
      }
    }
    if (!best) continue;
    links.set(call.spanId, { agentId: best.agent.agentId, childSessionId: best.agent.sessionId, linkedBy: 'task-prompt+time' });
    usedChildren.add(best.agent.sessionId);
  }
}

/** Task/Agent span id → the sub-agent it started (when any evidence names one). */
export function linkSpawns(calls: TaskCall[], agents: AgentSession[], evidence: SpawnEvidence[]): Map<string, SpawnLink> {
  const links = new Map<string, SpawnLink>();
  const usedChildren = new Set<string>();
  byEvidence(calls, evidence, links, usedChildren);
  byPromptAndTime(calls, agents, links, usedChildren);
  return links;
}

/**
 * One spawn per Task/Agent call. `linked`: the child transcript is here. `missing`: the call ran
 * (or evidence names its agent) but the transcript is not among the files; the expected child id is
 * kept when known so the edge can be completed when that file arrives. `refused`: the call ended in
 * an error with no agent behind it. `pending`: no result yet (interrupted or still running).
 */
export function spawnRecords(calls: TaskCall[], links: Map<string, SpawnLink>, presentSessions: Set<string>): SpawnRecord[] {
  return calls.map((call) => {
    const link = links.get(call.spanId);
    const base = {
      spanId: call.spanId,
      parentSessionId: call.sessionId,
      task: call.prompt === null ? null : truncate(call.prompt, TASK_PREVIEW_CHARS),
      label: call.description,
    };
    if (link) {
      const status = presentSessions.has(link.childSessionId) ? 'linked' : 'missing';
      return { ...base, childSessionId: link.childSessionId, status, linkedBy: link.linkedBy, childAgent: call.subagentType };
    }
    const status = call.outcome === 'error' ? 'refused' : call.outcome === 'none' ? 'pending' : 'missing';
    return { ...base, childSessionId: null, status, linkedBy: null };
  });
}
