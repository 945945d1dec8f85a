// OTLP/JSON requests the way an OpenTelemetry BatchSpanProcessor sends them: spans in END order
// (children before their parents), one session split over several requests. Sessions: a root
// agent span, LLM calls under it, each followed by a tool call; ids and times derive from the
// seed, so every delivery of the same seed carries the same spans.
import { prng } from '../../bench/generate.ts';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: Array<{ key: string; value: Record<string, unknown> }>;
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const str = (key: string, value: string) => ({ key, value: { stringValue: value } });
const int = (key: string, value: number) => ({ key, value: { intValue: String(value) } });
const dbl = (key: string, value: number) => ({ key, value: { doubleValue: value } });

/** Every span of `sessions` generated sessions, in end order (a child ends before its parent). */
export function endOrderSpans(seed: number, sessions: number, callsPerSession: number): OtlpSpan[] {
  const rng = prng(seed);
  const base = 1_767_225_600_000_000_000n + BigInt(seed) * 10_000_000_000_000n;
  const spans: OtlpSpan[] = [];
  for (let s = 0; s < sessions; s += 1) {
    const traceId = `${hex(seed, 8)}${hex(s, 8)}${'a'.repeat(16)}`;
    const conversation = [str('session.id', `end-order-${seed}-${s}`)];
    const rootId = `${hex(s + 1, 8)}${hex(0, 8)}`;
    const t0 = base + BigInt(s) * 1_000_000_000_000n;
    let t = t0;
    for (let c = 1; c <= callsPerSession; c += 1) {
      const llmId = `${hex(s + 1, 8)}${hex(2 * c - 1, 8)}`;
      const toolId = `${hex(s + 1, 8)}${hex(2 * c, 8)}`;
      const input = 200 + Math.floor(rng() * 800);
      const llmEnd = t + 2_000_000n;
      const reported = rng() < 0.5;
      spans.push({
        traceId,
        spanId: llmId,
        parentSpanId: rootId,
        name: 'chat gpt-4o',
        kind: 3,
        startTimeUnixNano: String(t),
        endTimeUnixNano: String(llmEnd),
        attributes: [
          ...conversation,
          str('gen_ai.operation.name', 'chat'),
          str('gen_ai.request.model', 'gpt-4o'),
          str('gen_ai.provider.name', 'openai'),
          int('gen_ai.usage.input_tokens', input),
          int('gen_ai.usage.output_tokens', 50 + c),
          ...(reported ? [dbl('gen_ai.usage.cost', input * 2.5e-6)] : []),
        ],
      });
      // A tool call after each LLM call; every third repeats the first one's arguments.
      const args = c % 3 === 0 ? '{"path":"README.md"}' : `{"path":"src/file-${c}.ts"}`;
      spans.push({
        traceId,
        spanId: toolId,
        parentSpanId: rootId,
        name: 'execute_tool read',
        kind: 1,
        startTimeUnixNano: String(llmEnd + 100_000n),
        endTimeUnixNano: String(llmEnd + 900_000n),
        attributes: [...conversation, str('gen_ai.operation.name', 'execute_tool'), str('gen_ai.tool.name', 'read'), str('gen_ai.tool.call.arguments', args)],
      });
      t = llmEnd + 1_000_000n;
    }
    spans.push({
      traceId,
      spanId: rootId,
      name: 'invoke_agent coder',
      kind: 1,
      startTimeUnixNano: String(t0 - 1_000n),
      endTimeUnixNano: String(t + 1_000n),
      attributes: [...conversation, str('gen_ai.operation.name', 'invoke_agent'), str('gen_ai.agent.name', 'coder')],
    });
  }
  // End order across the whole workload, as one exporter process would flush them.
  return spans.sort((a, b) => (BigInt(a.endTimeUnixNano) < BigInt(b.endTimeUnixNano) ? -1 : 1));
}

/** Splits spans into OTLP/JSON request bodies of `perRequest` spans each. */
export function otlpRequests(spans: OtlpSpan[], perRequest: number): string[] {
  const bodies: string[] = [];
  for (let i = 0; i < spans.length; i += perRequest) {
    const chunk = spans.slice(i, i + perRequest);
    bodies.push(JSON.stringify({ resourceSpans: [{ resource: { attributes: [str('service.name', 'end-order-test')] }, scopeSpans: [{ scope: { name: 'test' }, spans: chunk }] }] }));
  }
  return bodies;
}
