// Joins each `sessions_spawn` call to the child transcript it started.
//
// The child's file is named by its session id, which differs from the uuid in the child session key
// the parent was told, so the join needs evidence. In order of strength:
//   1. runs.json: the spawn's runId → the child's session id;
//   2. sessions.json: the spawn's childSessionKey → session id (completed children are pruned);
//   3. the child transcript's own custom events name its run ids (`data.runId` with its own
//      `data.sessionId`): the spawn's runId among them is an exact match;
//   4. task text + time: the child's first user message carries `[Subagent Task]: <task>` with
//      the spawn's `task` argument, and its header is written within seconds of the spawn (up to
//      ~1 s *before* the parent's tool call entry, up to ~0.5 s after the result in real files).
// Retries reuse the task text, so (4) assigns the closest pairs first and never gives one child to
// two spawns or two children to one spawn.
import type { SpawnRecord } from '../../domain/model.ts';
import { sessionRecordId } from './ids.ts';
import type { RunLink, SessionKeyIndex } from './indexes.ts';
import type { SpawnCall } from './spawn-call.ts';
import { normaliseForMatch } from './text.ts';

/** How far a child's header may be from the spawn call…result interval and still match by text. */
export const SPAWN_CLOCK_WINDOW_MS = 10_000;

export interface ChildCandidate {
  /** The child's session id (header id). */
  sessionId: string;
  /** Header timestamp (epoch ms). */
  startedAt: number;
  /** The `[Subagent Task]` text of its first user message, or null when it is not a sub-agent. */
  task: string | null;
  /** Run ids its own custom events attribute to it. */
  runIds: string[];
}

export type LinkMethod = 'runs.json' | 'sessions.json' | 'transcript-runId' | 'task-text+time';

export interface SpawnLinking {
  spawns: SpawnRecord[];
  /** Linked child session id → the child session key its parent was told (if any). */
  childKeys: Map<string, string | null>;
}

interface Link {
  childSessionId: string;
  linkedBy: LinkMethod;
}

/** Distance of an instant from the [calledAt, answeredAt] interval (0 inside it). */
function gapToSpawn(at: number, call: SpawnCall): number {
  const end = call.answeredAt ?? call.calledAt;
  const start = Math.min(call.calledAt, end);
  if (at < start) return start - at;
  if (at > Math.max(call.calledAt, end)) return at - Math.max(call.calledAt, end);
  return 0;
}

export function linkSpawns(
  calls: SpawnCall[],
  children: ChildCandidate[],
  runs: Map<string, RunLink>,
  sessions: SessionKeyIndex,
): SpawnLinking {
  const links = new Map<string, Link>();
  const claimed = new Set<string>();
  const claim = (call: SpawnCall, childSessionId: string, linkedBy: LinkMethod): void => {
    links.set(call.spanId, { childSessionId, linkedBy });
    claimed.add(childSessionId);
  };
  const accepted = calls.filter((c) => c.outcome === 'accepted');

  // Exact evidence first (1-3).
  const childOfRunId = new Map<string, string>();
  for (const child of children) {
    for (const runId of child.runIds) if (!childOfRunId.has(runId)) childOfRunId.set(runId, child.sessionId);
  }
  for (const call of accepted) {
    const exact: [string | null | undefined, LinkMethod][] = [
      [call.runId ? runs.get(call.runId)?.sessionId : null, 'runs.json'],
      [call.childSessionKey ? sessions.sessionOfKey.get(call.childSessionKey) : null, 'sessions.json'],
      [call.runId ? childOfRunId.get(call.runId) : null, 'transcript-runId'],
    ];
    for (const [sessionId, method] of exact) {
      if (!sessionId || claimed.has(sessionId) || sessionId === call.parentExternalId) continue;
      // A child named by an index but absent from this batch is still linked: its transcript may
      // be imported later, and the graph completes the edge when it arrives (DESIGN §5).
      claim(call, sessionId, method);
      break;
    }
  }

  // Task text + time (4), closest pairs first.
  const pairs: { call: SpawnCall; child: ChildCandidate; gap: number; toAnswer: number }[] = [];
  for (const call of accepted) {
    if (links.has(call.spanId) || call.task === null) continue;
    const task = normaliseForMatch(call.task);
    for (const child of children) {
      if (child.task === null || claimed.has(child.sessionId) || child.sessionId === call.parentExternalId) continue;
      if (normaliseForMatch(child.task) !== task) continue;
      const gap = gapToSpawn(child.startedAt, call);
      if (gap > SPAWN_CLOCK_WINDOW_MS) continue;
      pairs.push({ call, child, gap, toAnswer: Math.abs(child.startedAt - (call.answeredAt ?? call.calledAt)) });
    }
  }
  pairs.sort(
    (a, b) =>
      a.gap - b.gap ||
      a.toAnswer - b.toAnswer ||
      compareText(a.call.spanId, b.call.spanId) ||
      compareText(a.child.sessionId, b.child.sessionId),
  );
  for (const { call, child } of pairs) {
    if (links.has(call.spanId) || claimed.has(child.sessionId)) continue;
    claim(call, child.sessionId, 'task-text+time');
  }

  const childKeys = new Map<string, string | null>();
  const spawns = calls.map((call): SpawnRecord => {
    const link = links.get(call.spanId);
    const childSessionKey = call.childSessionKey ?? runs.get(call.runId ?? '')?.childSessionKey ?? null;
    if (link) childKeys.set(link.childSessionId, childSessionKey);
    return {
      childSessionKey,
      spanId: call.spanId,
      parentSessionId: call.parentSessionId,
      childSessionId: link ? sessionRecordId(link.childSessionId) : null,
      status: call.outcome === 'accepted' ? (link ? 'linked' : 'missing') : call.outcome,
      task: call.task,
      label: call.label,
      linkedBy: link?.linkedBy ?? null,
    };
  });
  return { spawns, childKeys };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
