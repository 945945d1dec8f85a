// Internal runs (build-session.ts: compaction, prompt suggestions, side questions) are sub-agents
// no Task call started: Claude Code runs them itself — a compaction when the context fills up, after
// which it writes a `system` line `subtype:"compact_boundary"` into the parent. Their calls are paid
// for by the parent session, so they hang off it like any sub-agent: a SUBAGENT span in the parent
// (a compaction at its boundary; otherwise, and without one, at the first parent line written after
// the run started) and a linked spawn — so the parent's inclusive total includes them. The spawn
// carries no task (it asked for nothing a user wrote), which also keeps repeated runs from reading
// as duplicate spawns.
import type { SpawnRecord } from '../../domain/model.ts';
import { internalRunKind, type InternalRunKind } from './build-session.ts';
import { sessionIdOf, rootSpanId } from './ids.ts';
import type { SessionGroup } from './session-groups.ts';
import type { SpanDraft } from './span-common.ts';
import { durationBetween, sessionTimes, toIso } from './time.ts';

export interface InternalRunPlacement {
  /** The parent line the span sits at, for ordering within the parent. */
  lineIndex: number;
  span: SpanDraft;
}

export interface InternalRunLinks {
  /** Parent session id → spans to place in it. */
  spansByParent: Map<string, InternalRunPlacement[]>;
  spawns: SpawnRecord[];
}

export function internalRunSpanId(parentSessionId: string, kind: InternalRunKind, agentId: string): string {
  return `${parentSessionId}:${kind}:${agentId}`;
}

function isBoundary(group: SessionGroup, index: number): boolean {
  const envelope = group.lines[index]?.envelope;
  return envelope?.type === 'system' && envelope.subtype === 'compact_boundary';
}

/** The parent line a run belongs at: a compaction's boundary, else the first line after it began. */
function placementIn(parent: SessionGroup, kind: InternalRunKind, startMs: number | null): { lineIndex: number; linkedBy: string } {
  const lines = parent.lines;
  const after = (i: number) => startMs === null || (lines[i]?.timeMs ?? Number.NEGATIVE_INFINITY) >= startMs;
  if (kind === 'compaction') {
    for (let i = 0; i < lines.length; i++) if (isBoundary(parent, i) && after(i)) return { lineIndex: i, linkedBy: 'compact_boundary' };
  }
  for (let i = 0; i < lines.length; i++) if (after(i)) return { lineIndex: i, linkedBy: 'sessionId+time' };
  return { lineIndex: lines.length, linkedBy: 'sessionId+time' };
}

export function linkInternalRuns(groups: readonly SessionGroup[]): InternalRunLinks {
  const byId = new Map(groups.map((g) => [g.id, g]));
  const links: InternalRunLinks = { spansByParent: new Map(), spawns: [] };
  for (const group of groups) {
    const { agentId, rootSessionId } = group.key;
    const kind = internalRunKind(agentId);
    if (agentId === null || rootSessionId === null || kind === null) continue;
    const parentId = sessionIdOf({ rootSessionId, agentId: null });
    const parent = byId.get(parentId);
    // Without the parent's transcript there is no line to hang the run on; it is linked when both
    // are imported together (they live in one project folder).
    if (!parent) continue;
    const times = sessionTimes(group.lines);
    const { lineIndex, linkedBy } = placementIn(parent, kind, times.startMs);
    const spanId = internalRunSpanId(parentId, kind, agentId);
    const span: SpanDraft = {
      id: spanId,
      sessionId: parentId,
      parentId: rootSpanId(parentId),
      kind: 'SUBAGENT',
      name: kind,
      startedAt: toIso(times.startMs),
      endedAt: toIso(times.endMs),
      durationMs: durationBetween(times.startMs, times.endMs),
      status: 'ok',
      attributes: { internalRun: kind },
    };
    const placements = links.spansByParent.get(parentId) ?? [];
    placements.push({ lineIndex, span });
    links.spansByParent.set(parentId, placements);
    links.spawns.push({ spanId, parentSessionId: parentId, childSessionId: group.id, status: 'linked', task: null, label: kind, linkedBy, childAgent: kind });
  }
  return links;
}
