// All spans of one transcript: a root AGENT span, an LLM span per model call, and under each LLM
// span a TOOL / SUBAGENT span per tool call it made. Also collects the session's spawn calls.
//
// Entries form a tree (id / parentId: retries and branches). For now every message is emitted in
// file order, branches included; a branch-aware reading (active path vs abandoned branches) can
// later mark abandoned spans without changing their ids.
import type { SpanRecord } from '../../domain/model.ts';
import type { ToolResultEntry } from './entries.ts';
import { rootSpanId, sessionRecordId, toolSpanId } from './ids.ts';
import { buildLlmSpan, isModelCall } from './llm-span.ts';
import type { Transcript } from './parse-lines.ts';
import { readSpawnCall, SPAWN_TOOL_NAME, type SpawnCall } from './spawn-call.ts';
import { buildToolSpan } from './tool-span.ts';
import { durationBetween, toIso } from './time.ts';

export interface SessionSpans {
  spans: SpanRecord[];
  spawnCalls: SpawnCall[];
}

/**
 * Pairs tool calls with results by `toolCallId` (a message-level field of the result). Each result
 * answers one call: the first unused one written after the call, else the first unused at all.
 */
function resultMatcher(transcript: Transcript): (toolCallId: string, afterLine: number) => ToolResultEntry | undefined {
  const byCallId = new Map<string, ToolResultEntry[]>();
  for (const entry of transcript.entries) {
    if (entry.kind !== 'toolResult') continue;
    const list = byCallId.get(entry.toolCallId) ?? [];
    list.push(entry);
    byCallId.set(entry.toolCallId, list);
  }
  const used = new Set<ToolResultEntry>();
  return (toolCallId, afterLine) => {
    const candidates = (byCallId.get(toolCallId) ?? []).filter((r) => !used.has(r));
    const match = candidates.find((r) => r.line > afterLine) ?? candidates[0];
    if (match) used.add(match);
    return match;
  };
}

export function buildSessionSpans(transcript: Transcript, rootName: string): SessionSpans {
  const sessionId = sessionRecordId(transcript.sessionId);
  const rootId = rootSpanId(transcript.sessionId);
  const spans: SpanRecord[] = [
    {
      id: rootId,
      sessionId,
      parentId: null,
      kind: 'AGENT',
      name: rootName,
      seq: 0,
      startedAt: toIso(transcript.startedAt),
      endedAt: toIso(transcript.endedAt),
      durationMs: durationBetween(transcript.startedAt, transcript.endedAt),
      status: 'ok',
    },
  ];
  const spawnCalls: SpawnCall[] = [];
  const matchResult = resultMatcher(transcript);
  const usedToolSpanIds = new Set<string>();

  for (const entry of transcript.entries) {
    if (entry.kind !== 'assistant' || !isModelCall(entry)) continue;
    const llm = buildLlmSpan(transcript.sessionId, entry, rootId, spans.length);
    spans.push(llm);

    for (const call of entry.toolCalls) {
      // A tool call id reused within one session (rare; possible across branches) would collide:
      // the later call is told apart by its assistant entry id, which is just as stable.
      let id = toolSpanId(transcript.sessionId, call.id);
      if (usedToolSpanIds.has(id)) id = `${id}:${entry.id}`;
      usedToolSpanIds.add(id);
      const result = matchResult(call.id, entry.line);
      spans.push(buildToolSpan({ id, sessionId, parentId: llm.id, call, assistant: entry, result, seq: spans.length }));
      if (call.name === SPAWN_TOOL_NAME) {
        spawnCalls.push(readSpawnCall(id, sessionId, transcript.sessionId, call, entry, result));
      }
    }
  }
  return { spans, spawnCalls };
}
