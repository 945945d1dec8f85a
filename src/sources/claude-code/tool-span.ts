// TOOL spans, one per tool_use, answered by the matching tool_result; Task / Agent calls are
// SUBAGENT spans and also yield a TaskCall for spawn linking.
import { toolSpanId } from './ids.ts';
import type { PlacedBlock } from './llm-calls.ts';
import { TaskInputSchema, TaskToolUseResultSchema } from './schema.ts';
import type { SessionGroup } from './session-groups.ts';
import { compact, type SpanDraft } from './span-common.ts';
import type { TaskCall } from './spawn-links.ts';
import { ERROR_MESSAGE_CHARS, truncate } from './text.ts';
import { durationBetween, toIso } from './time.ts';
import type { ToolResult } from './tool-results.ts';

/** Tool names that spawn a sub-agent (`Agent` is the newer name of `Task`). */
export const SPAWN_TOOLS = new Set(['Task', 'Agent']);

function taskAttributes(input: unknown, result: ToolResult | undefined): Record<string, string | number | null | undefined> {
  const task = TaskInputSchema.safeParse(input);
  const reported = TaskToolUseResultSchema.safeParse(result?.toolUseResult);
  return {
    subagentType: task.success ? task.data.subagent_type : null,
    description: task.success ? task.data.description : null,
    requestedModel: task.success ? task.data.model : null,
    // Claude Code's own totals for the sub-agent run, kept for reconciliation (never priced).
    reportedTotalTokens: reported.success ? reported.data.totalTokens : null,
    reportedDurationMs: reported.success ? reported.data.totalDurationMs : null,
    reportedToolUseCount: reported.success ? reported.data.totalToolUseCount : null,
  };
}

export function toolSpan(sessionId: string, callSpanId: string, placed: PlacedBlock, toolUseId: string, result: ToolResult | undefined): SpanDraft {
  const { block, line } = placed;
  const name = block.name ?? 'unknown-tool';
  const endMs = result?.line.timeMs ?? null;
  const isError = result?.isError === true;
  return {
    id: toolSpanId(sessionId, toolUseId),
    sessionId,
    parentId: callSpanId,
    kind: SPAWN_TOOLS.has(name) ? 'SUBAGENT' : 'TOOL',
    name,
    startedAt: toIso(line.timeMs),
    endedAt: toIso(endMs),
    durationMs: durationBetween(line.timeMs, endMs),
    toolName: name,
    toolCallId: toolUseId,
    args: block.input,
    result: result?.text ?? undefined,
    status: isError ? 'error' : 'ok',
    errorMessage: isError ? truncate(result?.text ?? 'tool error', ERROR_MESSAGE_CHARS) : null,
    attributes: compact({
      ...(SPAWN_TOOLS.has(name) ? taskAttributes(block.input, result) : {}),
      // No tool_result: interrupted, still running, or the transcript was cut.
      resultMissing: result ? null : true,
    }),
  };
}

export function taskCall(group: SessionGroup, span: SpanDraft, input: unknown, startMs: number | null, result: ToolResult | undefined): TaskCall {
  const task = TaskInputSchema.safeParse(input);
  return {
    spanId: span.id,
    sessionId: group.id,
    rootSessionId: group.key.rootSessionId,
    toolUseId: span.toolCallId ?? '',
    prompt: task.success ? (task.data.prompt ?? null) : null,
    description: task.success ? (task.data.description ?? null) : null,
    subagentType: task.success ? (task.data.subagent_type ?? null) : null,
    startMs,
    outcome: result ? (result.isError ? 'error' : 'ok') : 'none',
  };
}
