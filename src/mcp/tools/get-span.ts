// get_span: one step in full (tokens, cost and where it came from, error, arguments, result and
// text previews, place in the tree) plus whether it repeated an earlier call, for "why did this
// step cost that". Previews are cut; the span's own fields stay exact.
import { z } from 'zod';
import { defineTool } from '../tool.ts';
import { ToolError } from '../tool-error.ts';
import { clip, toYaml, usd } from '../present.ts';

const PREVIEW_CHARS = 800;
const MAX_CHILD_IDS = 20;

const QUERY = `query Span($id: ID!) {
  span(id: $id) {
    id sessionId kind name seq startedAt durationMs model provider toolName
    inputTokens outputTokens cacheReadTokens cacheWriteTokens reasoningTokens
    costUsd costSource unpricedReason inclusiveCostUsd status errorMessage
    argsCanonical resultPreview resultChars textPreview parentId childIds spawnedSessionId spawnStatus
  }
}`;

const REPEATS = `query SpanRepeats($sessionId: ID!) {
  redundantCalls(where: { sessionId: $sessionId }, first: 1000) { kind spanId repeatsSpanId wastedUsd }
}`;

interface Span {
  id: string;
  sessionId: string;
  kind: string;
  name: string;
  seq: number;
  startedAt: string | null;
  durationMs: number | null;
  model: string | null;
  provider: string | null;
  toolName: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  cacheReadTokens: number | null;
  cacheWriteTokens: number | null;
  reasoningTokens: number | null;
  costUsd: number | null;
  costSource: string | null;
  unpricedReason: string | null;
  inclusiveCostUsd: number;
  status: string;
  errorMessage: string | null;
  argsCanonical: string | null;
  resultPreview: string | null;
  resultChars: number | null;
  textPreview: string | null;
  parentId: string | null;
  childIds: string[];
  spawnedSessionId: string | null;
  spawnStatus: string | null;
}

interface Repeat {
  kind: string;
  spanId: string;
  repeatsSpanId: string;
  wastedUsd: number | null;
}

const cut = (text: string | null) => (text === null ? null : clip(text, PREVIEW_CHARS));

export const getSpan = defineTool({
  name: 'get_span',
  title: 'Span details',
  description:
    'One step of a session (LLM call, tool call, sub-agent spawn) in detail: model, tokens, own and inclusive cost and ' +
    'its source, status and error, tool arguments, result and text previews, parent and children, and whether it ' +
    'repeated an earlier call (with the waste). Span ids come from redundant_calls, graphql_query or TraceCard refs.',
  input: {
    spanId: z.string().min(1).max(2000).describe('a span id, e.g. openclaw:3c0cbde4-…:17'),
  },
  readOnly: true,
  async run(args, graphql) {
    const { span } = await graphql.query<{ span: Span | null }>(QUERY, { id: args.spanId });
    if (!span) throw new ToolError('NOT_FOUND', `No span "${args.spanId}" in this project`);
    const { redundantCalls } = await graphql.query<{ redundantCalls: Repeat[] }>(REPEATS, { sessionId: span.sessionId });
    const repeats = redundantCalls.find((r) => r.spanId === span.id);
    const repeatedBy = redundantCalls.filter((r) => r.repeatsSpanId === span.id);
    return toYaml({
      id: span.id,
      session: span.sessionId,
      seq: span.seq,
      kind: span.kind,
      name: span.name,
      status: span.status,
      error: cut(span.errorMessage),
      startedAt: span.startedAt,
      durationMs: span.durationMs,
      model: span.model,
      provider: span.provider,
      tool: span.toolName,
      tokens: {
        in: span.inputTokens,
        out: span.outputTokens,
        cacheRead: span.cacheReadTokens,
        cacheWrite: span.cacheWriteTokens,
        reasoning: span.reasoningTokens,
      },
      costUsd: usd(span.costUsd),
      costSource: span.costSource,
      unpriced: span.unpricedReason,
      inclusiveCostUsd: usd(span.inclusiveCostUsd),
      repeats: repeats ? { kind: repeats.kind.toLowerCase(), earlierSpan: repeats.repeatsSpanId, wastedUsd: usd(repeats.wastedUsd) } : null,
      repeatedLaterBy: repeatedBy.length ? repeatedBy.slice(0, MAX_CHILD_IDS).map((r) => `${r.spanId} (${r.kind.toLowerCase()})`) : null,
      args: cut(span.argsCanonical),
      result: cut(span.resultPreview),
      resultChars: span.resultChars,
      text: cut(span.textPreview),
      parent: span.parentId,
      children: span.childIds.length > MAX_CHILD_IDS ? [...span.childIds.slice(0, MAX_CHILD_IDS), `… ${span.childIds.length - MAX_CHILD_IDS} more`] : span.childIds,
      spawnedSession: span.spawnedSessionId,
      spawnStatus: span.spawnStatus,
    });
  },
});
