// A runaway agent session as an OpenTelemetry exporter sends it: a root agent span, an LLM call
// every `stepMs` at a fixed reported cost, each followed by the same poll of a process that is
// "still running" (OpenClaw's own wording), ending just before now. Spans come in END order and
// split over requests, like a BatchSpanProcessor. Costs are reported (gen_ai.usage.cost), so the
// crossing of a $ threshold falls on a known call.
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const str = (key: string, value: string) => ({ key, value: { stringValue: value } });
const int = (key: string, value: number) => ({ key, value: { intValue: String(value) } });
const dbl = (key: string, value: number) => ({ key, value: { doubleValue: value } });

export interface RunawayOptions {
  /** Distinguishes sessions (ids derive from it). */
  tag: number;
  conversationId: string;
  calls: number;
  costPerCallUsd: number;
  stepMs: number;
  /** Epoch ms the last call ends at; default now. */
  endMs?: number;
  agentName?: string;
}

export interface RunawaySession {
  traceId: string;
  spans: Array<Record<string, unknown>>;
  /** LLM span ids in call order (span i costs costPerCallUsd; cumulative after i is (i+1)·cost). */
  llmSpanIds: string[];
  pollSpanIds: string[];
  /** Epoch ms each LLM call ends. */
  llmEndsMs: number[];
}

const nanos = (ms: number) => String(BigInt(Math.round(ms)) * 1_000_000n);

export function runawaySession(options: RunawayOptions): RunawaySession {
  const { tag, calls, stepMs } = options;
  const endMs = options.endMs ?? Date.now();
  const startMs = endMs - calls * stepMs;
  const traceId = `${hex(tag, 16)}${'b'.repeat(16)}`;
  const rootId = `${hex(tag, 8)}${hex(0, 8)}`;
  const conversation = str('session.id', options.conversationId);
  const spans: Array<Record<string, unknown>> = [];
  const llmSpanIds: string[] = [];
  const pollSpanIds: string[] = [];
  const llmEndsMs: number[] = [];
  for (let i = 0; i < calls; i += 1) {
    const t = startMs + i * stepMs;
    const llmId = `${hex(tag, 8)}${hex(2 * i + 1, 8)}`;
    const pollId = `${hex(tag, 8)}${hex(2 * i + 2, 8)}`;
    llmSpanIds.push(llmId);
    pollSpanIds.push(pollId);
    llmEndsMs.push(t + 2_000);
    spans.push({
      traceId, spanId: llmId, parentSpanId: rootId, name: 'chat gpt-4o', kind: 3,
      startTimeUnixNano: nanos(t), endTimeUnixNano: nanos(t + 2_000),
      attributes: [
        conversation,
        str('gen_ai.operation.name', 'chat'),
        str('gen_ai.request.model', 'gpt-4o'),
        str('gen_ai.provider.name', 'openai'),
        int('gen_ai.usage.input_tokens', 40_000),
        int('gen_ai.usage.output_tokens', 300),
        dbl('gen_ai.usage.cost', options.costPerCallUsd),
      ],
    });
    spans.push({
      traceId, spanId: pollId, parentSpanId: rootId, name: 'execute_tool process', kind: 1,
      startTimeUnixNano: nanos(t + 2_100), endTimeUnixNano: nanos(t + 2_400),
      attributes: [
        conversation,
        str('gen_ai.operation.name', 'execute_tool'),
        str('gen_ai.tool.name', 'process'),
        str('gen_ai.tool.call.arguments', '{"action":"poll","sessionId":"build-7"}'),
        str('gen_ai.tool.call.result', '(no new output) Process still running.'),
      ],
    });
  }
  spans.push({
    traceId, spanId: rootId, name: `invoke_agent ${options.agentName ?? 'runner'}`, kind: 1,
    startTimeUnixNano: nanos(startMs - 1_000), endTimeUnixNano: nanos(endMs + 1_000),
    attributes: [conversation, str('gen_ai.operation.name', 'invoke_agent'), str('gen_ai.agent.name', options.agentName ?? 'runner')],
  });
  spans.sort((a, b) => (BigInt(a.endTimeUnixNano as string) < BigInt(b.endTimeUnixNano as string) ? -1 : 1));
  return { traceId, spans, llmSpanIds, pollSpanIds, llmEndsMs };
}

/** OTLP/JSON request bodies of `perRequest` spans each. */
export function runawayRequests(spans: Array<Record<string, unknown>>, perRequest: number): string[] {
  const bodies: string[] = [];
  for (let i = 0; i < spans.length; i += perRequest) {
    const chunk = spans.slice(i, i + perRequest);
    bodies.push(JSON.stringify({ resourceSpans: [{ resource: { attributes: [str('service.name', 'runaway')] }, scopeSpans: [{ scope: { name: 'test' }, spans: chunk }] }] }));
  }
  return bodies;
}
