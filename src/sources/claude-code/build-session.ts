// The session record of one main transcript or sub-agent, and what kind of session it is.
import type { SessionRecord } from '../../domain/model.ts';
import type { SessionTimes } from './time.ts';
import { SOURCE, externalIdOf } from './ids.ts';
import { isWarmupPrompt } from './prompts.ts';
import type { SessionGroup } from './session-groups.ts';
import { TASK_PREVIEW_CHARS, truncate } from './text.ts';
import { toIso } from './time.ts';

type Role = NonNullable<SessionRecord['role']>;

/** Agent name of the main Claude Code session (sub-agents are named by their type). */
export const MAIN_AGENT = 'claude-code';

/**
 * Runs Claude Code makes for itself, written as sub-agents with a prefixed id and started by no
 * Task call: `agent-acompact-<hex>` (context compaction), `agent-aprompt_suggestion-<hex>` (prompt
 * and title suggestions), `agent-aside_question-<hex>` (a `/btw` side question). The compaction and
 * side-question files replay the parent's conversation before their one new call (those replayed
 * calls are the parent's: see ownership.ts).
 */
export type InternalRunKind = 'compaction' | 'prompt_suggestion' | 'side_question';

const INTERNAL_RUN_PREFIXES: ReadonlyArray<[string, InternalRunKind]> = [
  ['acompact-', 'compaction'],
  ['aprompt_suggestion-', 'prompt_suggestion'],
  ['aside_question-', 'side_question'],
];

export function internalRunKind(agentId: string | null): InternalRunKind | null {
  if (agentId === null) return null;
  return INTERNAL_RUN_PREFIXES.find(([prefix]) => agentId.startsWith(prefix))?.[1] ?? null;
}

export interface RoleFacts {
  firstPrompt: string | null;
  /** Whether a Task/Agent call was linked to this sub-agent. */
  spawned: boolean;
  /** `subagent_type` of the call, or `agentType` of the meta file. */
  agentType: string | null;
}

export interface SessionRole {
  role: Role;
  /** What ran the session: `claude-code`, the sub-agent type (`Explore`, `Plan`), `warmup`, `compaction`. */
  agentName: string;
}

/**
 * Warm-up sidechains (first prompt "Warmup", pre-loading sub-agent prompts) and internal runs
 * (compaction, prompt suggestions, side questions) are not spawned by any call; they are kept,
 * labelled as such. A sub-agent with no call found and no such mark stays `subagent` (its parent
 * transcript may be missing).
 */
export function roleOf(group: SessionGroup, facts: RoleFacts): SessionRole {
  const agentId = group.key.agentId;
  if (agentId === null) return { role: 'main', agentName: MAIN_AGENT };
  const internal = internalRunKind(agentId);
  if (internal === 'compaction') return { role: 'compaction', agentName: 'compaction' };
  if (internal) return { role: 'internal', agentName: internal };
  if (!facts.spawned && isWarmupPrompt(facts.firstPrompt)) return { role: 'warmup', agentName: 'warmup' };
  return { role: 'subagent', agentName: facts.agentType ?? 'subagent' };
}

export function sessionRecord(group: SessionGroup, times: SessionTimes, facts: RoleFacts): SessionRecord {
  const { role, agentName } = roleOf(group, facts);
  const cwd = group.lines.find((l) => l.envelope.cwd)?.envelope.cwd ?? null;
  return {
    id: group.id,
    source: SOURCE,
    externalId: externalIdOf(group.key),
    // Agent = what kind of agent ran it, shared across sessions; the per-run agentId of Claude Code
    // is in the session id and externalId.
    agentId: agentName,
    agentName,
    // The fallback name of a sub-agent whose Task call was not read gives way to the spawn's.
    agentRank: role === 'subagent' && facts.agentType === null ? 1 : null,
    task: facts.firstPrompt === null ? null : truncate(facts.firstPrompt, TASK_PREVIEW_CHARS),
    cwd,
    startedAt: toIso(times.startMs),
    endedAt: toIso(times.endMs),
    // A transcript never says that a session ended; what is in the file is what happened.
    status: 'completed',
    role,
    origin: group.origin,
  };
}
