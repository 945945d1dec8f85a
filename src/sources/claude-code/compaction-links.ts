// Compaction runs (`<sid>/subagents/agent-acompact-<hex>.jsonl`) are sub-agents no Task call
// started: Claude Code runs them itself when the context fills up, and writes a `system` line
// `subtype:"compact_boundary"` into the parent once the summary is back. Their calls are paid for
// by the parent session, so they hang off it like any sub-agent: a SUBAGENT span in the parent at
// that boundary (or, without one, at the first parent line written after the run started) and a
// linked spawn — so the parent's inclusive total includes them. The spawn carries no task (it asked
// for nothing a user wrote), which also keeps repeated compactions from reading as duplicate spawns.
import type { SpawnRecord } from '../../domain/model.ts';
import { sessionIdOf, rootSpanId } from './ids.ts';
import type { SessionGroup } from './session-groups.ts';
import type { SpanDraft } from './span-common.ts';
import { durationBetween, sessionTimes, toIso } from './time.ts';

export interface CompactionPlacement {
  /** The parent line the span sits at, for ordering within the parent. */
  lineIndex: number;
  span: SpanDraft;
}

export interface CompactionLinks {
  /** Parent session id → spans to place in it. */
  spansByParent: Map<string, CompactionPlacement[]>;
  spawns: SpawnRecord[];
}

export function compactionSpanId(parentSessionId: string, agentId: string): string {
  return `${parentSessionId}:compaction:${agentId}`;
}

function isBoundary(group: SessionGroup, index: number): boolean {
  const envelope = group.lines[index]?.envelope;
  return envelope?.type === 'system' && envelope.subtype === 'compact_boundary';
}

/** The parent line a compaction run belongs at: its boundary, else the first line after it began. */
function placementIn(parent: SessionGroup, startMs: number | null): { lineIndex: number; linkedBy: string } {
  const lines = parent.lines;
  const after = (i: number) => startMs === null || (lines[i]?.timeMs ?? Number.NEGATIVE_INFINITY) >= startMs;
  for (let i = 0; i < lines.length; i++) if (isBoundary(parent, i) && after(i)) return { lineIndex: i, linkedBy: 'compact_boundary' };
  for (let i = 0; i < lines.length; i++) if (after(i)) return { lineIndex: i, linkedBy: 'sessionId+time' };
  return { lineIndex: lines.length, linkedBy: 'sessionId+time' };
}

/** `isCompaction(agentId)`: which sub-agent groups are compaction runs. */
export function linkCompactions(groups: readonly SessionGroup[], isCompaction: (agentId: string) => boolean): CompactionLinks {
  const byId = new Map(groups.map((g) => [g.id, g]));
  const links: CompactionLinks = { spansByParent: new Map(), spawns: [] };
  for (const group of groups) {
    const { agentId, rootSessionId } = group.key;
    if (agentId === null || rootSessionId === null || !isCompaction(agentId)) continue;
    const parentId = sessionIdOf({ rootSessionId, agentId: null });
    const parent = byId.get(parentId);
    // Without the parent's transcript there is no line to hang the run on; it is linked when both
    // are imported together (they live in one project folder).
    if (!parent) continue;
    const times = sessionTimes(group.lines);
    const { lineIndex, linkedBy } = placementIn(parent, times.startMs);
    const spanId = compactionSpanId(parentId, agentId);
    const span: SpanDraft = {
      id: spanId,
      sessionId: parentId,
      parentId: rootSpanId(parentId),
      kind: 'SUBAGENT',
      name: 'compaction',
      startedAt: toIso(times.startMs),
      endedAt: toIso(times.endMs),
      durationMs: durationBetween(times.startMs, times.endMs),
      status: 'ok',
      attributes: { compaction: true },
    };
    const placements = links.spansByParent.get(parentId) ?? [];
    placements.push({ lineIndex, span });
    links.spansByParent.set(parentId, placements);
    links.spawns.push({ spanId, parentSessionId: parentId, childSessionId: group.id, status: 'linked', task: null, label: 'compaction', linkedBy, childAgent: 'compaction' });
  }
  return links;
}
