// Synthetic workloads for the benchmarks, shaped like the real corpora: OpenClaw JSONL transcripts
// (assistant messages with usage and cost, tool calls with results) and OTLP/JSON requests with
// GenAI semconv spans (invoke_agent → chat / execute_tool). Deterministic for a given seed.

/** A small deterministic PRNG (mulberry32), so every bench run sees the same workload. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOOLS = ['read', 'exec', 'write', 'edit', 'web_fetch'] as const;
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0').slice(-width);

/**
 * One OpenClaw transcript of `turns` assistant messages, each requesting one tool call
 * (so 2 spans per turn, plus the session root).
 */
export function openClawTranscript(sessionIndex: number, turns: number, random: () => number): string {
  const sessionId = `bench-${hex(sessionIndex, 8)}-0000-4000-8000-${hex(sessionIndex * 7919, 12)}`;
  const start = Date.UTC(2026, 0, 1) + sessionIndex * 60_000;
  let clock = start;
  const at = () => new Date((clock += 500 + Math.floor(random() * 1500))).toISOString();
  const lines: string[] = [JSON.stringify({ type: 'session', version: 3, id: sessionId, timestamp: new Date(start).toISOString(), cwd: '/bench' })];
  let parent: string | null = null;
  const entry = (id: string, message: unknown) => {
    lines.push(JSON.stringify({ type: 'message', id, parentId: parent, timestamp: at(), message }));
    parent = id;
  };
  entry(`u${hex(sessionIndex, 7)}`, { role: 'user', content: [{ type: 'text', text: `Benchmark task ${sessionIndex}: fix the failing tests` }] });
  for (let turn = 0; turn < turns; turn++) {
    const tool = TOOLS[Math.floor(random() * TOOLS.length)]!;
    const callId = `call_${hex(sessionIndex, 6)}_${hex(turn, 5)}`;
    const input = 1000 + Math.floor(random() * 20_000);
    const output = 50 + Math.floor(random() * 800);
    const cacheRead = Math.floor(random() * 50_000);
    const cost = (input * 1.25 + output * 10 + cacheRead * 0.125) / 1e6;
    entry(`a${hex(turn, 7)}`, {
      role: 'assistant',
      content: [
        { type: 'text', text: `Step ${turn}: running ${tool}` },
        { type: 'toolCall', id: callId, name: tool, arguments: tool === 'exec' ? { command: `npm test -- --shard ${turn % 7}` } : { path: `src/file${turn % 13}.ts` } },
      ],
      api: 'openai-responses',
      provider: 'openai',
      model: 'gpt-5',
      usage: { input, output, cacheRead, cacheWrite: 0, totalTokens: input + output + cacheRead, cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, total: cost } },
      stopReason: 'toolUse',
      timestamp: clock,
    });
    entry(`r${hex(turn, 7)}`, {
      role: 'toolResult',
      toolCallId: callId,
      toolName: tool,
      content: [{ type: 'text', text: `result of ${tool} #${turn}: ${'x'.repeat(Math.floor(random() * 400))}` }],
      isError: random() < 0.03,
      timestamp: clock,
    });
  }
  return lines.join('\n') + '\n';
}

function attr(key: string, value: string | number) {
  return typeof value === 'number' ? { key, value: { intValue: String(value) } } : { key, value: { stringValue: value } };
}

/** One OTLP/JSON ExportTraceServiceRequest with `agents` traces of 1 agent + `calls` (chat + tool) spans each. */
export function otlpRequest(requestIndex: number, agents: number, calls: number, random: () => number): unknown {
  const spans: unknown[] = [];
  for (let a = 0; a < agents; a++) {
    const traceId = hex(requestIndex, 16) + hex(a, 16);
    const agentSpanId = hex(requestIndex * 1000 + a, 12) + '0000';
    let t = BigInt(Date.UTC(2026, 0, 2) + requestIndex * 10_000) * 1_000_000n;
    const span = (spanId: string, parentSpanId: string, name: string, attributes: unknown[], ms: number) => {
      const startTimeUnixNano = String(t);
      t += BigInt(ms) * 1_000_000n;
      spans.push({ traceId, spanId, parentSpanId, name, kind: 1, startTimeUnixNano, endTimeUnixNano: String(t), attributes, status: {} });
    };
    span(agentSpanId, '', 'invoke_agent bench', [attr('gen_ai.operation.name', 'invoke_agent'), attr('gen_ai.agent.name', 'bench-agent'), attr('gen_ai.conversation.id', `conv-${requestIndex}-${a}`)], 5);
    for (let c = 0; c < calls; c++) {
      const id = hex(requestIndex * 1000 + a, 8) + hex(c, 8);
      span(`${id.slice(0, 15)}1`, agentSpanId, 'chat gpt-4o', [
        attr('gen_ai.operation.name', 'chat'),
        attr('gen_ai.request.model', 'gpt-4o'),
        attr('gen_ai.provider.name', 'openai'),
        attr('gen_ai.usage.input_tokens', 500 + Math.floor(random() * 5000)),
        attr('gen_ai.usage.output_tokens', 20 + Math.floor(random() * 500)),
      ], 20);
      span(`${id.slice(0, 15)}2`, agentSpanId, 'execute_tool search', [
        attr('gen_ai.operation.name', 'execute_tool'),
        attr('gen_ai.tool.name', 'search'),
        attr('gen_ai.tool.call.arguments', JSON.stringify({ q: `query ${c % 17}` })),
      ], 5);
    }
  }
  return { resourceSpans: [{ resource: { attributes: [attr('service.name', 'bench')] }, scopeSpans: [{ scope: { name: 'bench' }, spans }] }] };
}
