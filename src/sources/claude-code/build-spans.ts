// The spans of one session: a root AGENT span, one LLM span per API call (and per failed attempt),
// and one TOOL span per tool_use (SUBAGENT for Task/Agent), numbered in transcript order.
import type { Rejection, SpanRecord } from '../../domain/model.ts';
import { rootSpanId } from './ids.ts';
import { apiErrorSpan, llmSpan } from './llm-span.ts';
import type { LlmCall, SessionCalls } from './llm-calls.ts';
import type { SessionGroup } from './session-groups.ts';
import { compact, type SpanDraft } from './span-common.ts';
import type { TaskCall } from './spawn-links.ts';
import { durationBetween, sessionTimes, toIso, type SessionTimes } from './time.ts';
import { indexToolResults } from './tool-results.ts';
import { taskCall, toolSpan } from './tool-span.ts';

interface Placed {
  /** Transcript position: line index, then 0 for a call / error and 1 + block index for a tool. */
  order: [number, number];
  span: SpanDraft;
}

export interface SessionSpans {
  spans: SpanRecord[];
  taskCalls: TaskCall[];
  rejections: Rejection[];
}

function rootSpan(group: SessionGroup, times: SessionTimes, skippedCopies: number): SpanRecord {
  const first = group.lines.find((l) => l.envelope.version)?.envelope;
  return {
    id: rootSpanId(group.id),
    sessionId: group.id,
    parentId: null,
    kind: 'AGENT',
    name: group.key.agentId === null ? 'claude-code' : `agent-${group.key.agentId}`,
    seq: 0,
    startedAt: toIso(times.startMs),
    endedAt: toIso(times.endMs),
    durationMs: durationBetween(times.startMs, times.endMs),
    status: 'ok',
    attributes: compact({
      claudeCodeVersion: first?.version,
      gitBranch: first?.gitBranch || null,
      layout: group.layout,
      copiedCallsSkipped: skippedCopies > 0 ? skippedCopies : null,
    }),
  };
}

/**
 * `isOwned(call)` says whether this session owns the call: a resumed session replays earlier
 * calls into its own file, and a call is counted in one session only (see ownership.ts).
 */
/** `extra`: spans placed by others at a line of this session (internal runs: internal-runs.ts). */
export function buildSessionSpans(
  group: SessionGroup,
  calls: SessionCalls,
  isOwned: (call: LlmCall) => boolean,
  extra: ReadonlyArray<{ lineIndex: number; span: SpanDraft }> = [],
): SessionSpans {
  const sessionId = group.id;
  const byUuid = new Map(group.lines.flatMap((l) => (l.envelope.uuid ? [[l.envelope.uuid, l] as const] : [])));
  const results = indexToolResults(group.lines);
  const placed: Placed[] = [];
  const taskCalls: TaskCall[] = [];
  const rejections: Rejection[] = [];
  const seenToolUses = new Set<string>();
  let skippedCopies = 0;

  for (const call of calls.calls) {
    if (!isOwned(call)) {
      skippedCopies += 1;
      continue;
    }
    const span = llmSpan(sessionId, call, byUuid);
    placed.push({ order: [call.firstIndex, 0], span });
    for (const block of call.blocks) {
      if (block.block.type !== 'tool_use') continue;
      const toolUseId = block.block.id;
      if (!toolUseId) {
        rejections.push({ location: `${block.line.file}:${block.line.lineNo}`, reason: 'tool_use block without an id: tool call skipped' });
        continue;
      }
      if (seenToolUses.has(toolUseId)) continue;
      seenToolUses.add(toolUseId);
      const result = results.get(toolUseId);
      const tool = toolSpan(sessionId, span.id, block, toolUseId, result);
      placed.push({ order: [block.lineIndex, 1 + block.blockIndex], span: tool });
      if (tool.kind === 'SUBAGENT') taskCalls.push(taskCall(group, tool, block.block.input, block.line.timeMs, result));
    }
  }
  for (const error of calls.apiErrors) placed.push({ order: [error.lineIndex, 0], span: apiErrorSpan(sessionId, error) });
  for (const { lineIndex, span } of extra) placed.push({ order: [lineIndex, 0], span });

  placed.sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1]);
  const spans = [rootSpan(group, sessionTimes(group.lines), skippedCopies), ...placed.map((p, i) => ({ ...p.span, seq: i + 1 }))];
  return { spans, taskCalls, rejections };
}
