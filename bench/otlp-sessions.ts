// Generated agent sessions as an instrumented agent exports them over OTLP: a root agent span, nested
// agent (sub-agent) spans, and under each agent LLM calls followed by tool calls. Attributes follow
// OpenInference (`session.id`, `llm.*`, `input.value`) or the OTel GenAI semconv
// (`gen_ai.conversation.id`, `gen_ai.usage.*`). Some tool calls repeat an earlier one exactly (so
// redundancy findings exist), some LLM spans report their own cost and the others are priced from
// tokens, a few use a model without a price. Deterministic for a given PRNG (bench/generate.ts).
//
// Shared by the arrival-order test (small sessions, many seeds) and the realistic OTLP bench
// (50 sessions × 1,000 spans, ~400 B in / ~200 B out per LLM span).
import type { ExportTraceServiceRequestLike, KeyValueLike, SpanLike } from '../src/sources/otlp/types.ts';

export type Convention = 'openinference' | 'genai';

export interface SessionShape {
  convention: Convention;
  /** Agent spans directly under the root agent. */
  subAgents: number;
  /** LLM and tool spans under each sub-agent (exact; nested agents come on top). */
  childrenPerAgent: number;
  /** Chance that a sub-agent runs a nested agent of its own (one level deeper). */
  nestedAgentRate: number;
  /** Traces (turns of one conversation): each has its own root agent span. */
  traces: number;
  /**
   * Where the conversation id is: on every span (what OpenInference's context propagation and most
   * GenAI instrumentations do), or only on each trace's root span (Agno, Koog).
   */
  conversationIdOn: 'every-span' | 'root';
  /** Approximate bytes of the LLM request (input) and response (output) payloads. */
  inputBytes: number;
  outputBytes: number;
  /** Tool calls per LLM response: 0 to this many, uniformly. */
  maxToolsPerCall: number;
  /** Chance that a tool call repeats an earlier call of the session exactly (same tool, arguments, result). */
  repeatRate: number;
  /** Chance that an LLM span reports its own cost (the others are priced from tokens). */
  reportedCostRate: number;
  /** Chance that an LLM span uses a model with no known price. */
  unpricedRate: number;
  /** Chance that a tool call fails (status ERROR). */
  errorRate: number;
  /** Chance that a tool call starts at the same nanosecond as the one before (parallel calls). */
  tieRate: number;
  /** Chance that an LLM call's tool calls are its children rather than the agent's. */
  toolsUnderLlmRate: number;
}

export const SMALL_SHAPE: Omit<SessionShape, 'convention'> = {
  subAgents: 3,
  childrenPerAgent: 12,
  nestedAgentRate: 0.4,
  traces: 1,
  conversationIdOn: 'every-span',
  inputBytes: 400,
  outputBytes: 200,
  maxToolsPerCall: 3,
  repeatRate: 0.25,
  reportedCostRate: 0.4,
  unpricedRate: 0.05,
  errorRate: 0.08,
  tieRate: 0.15,
  toolsUnderLlmRate: 0.3,
};

/** The issue-12 workload: root agent → 9 sub-agents → 110 LLM/tool spans each = 1,000 spans. */
export const REALISTIC_SHAPE: SessionShape = {
  convention: 'openinference',
  subAgents: 9,
  childrenPerAgent: 110,
  nestedAgentRate: 0,
  traces: 1,
  conversationIdOn: 'every-span',
  inputBytes: 400,
  outputBytes: 200,
  // About one tool call per LLM call, so about half of the 1,000 spans are LLM calls.
  maxToolsPerCall: 2,
  repeatRate: 0.1,
  reportedCostRate: 0.5,
  unpricedRate: 0,
  errorRate: 0.03,
  tieRate: 0.05,
  toolsUnderLlmRate: 0,
};

/** One generated span: an OTLP span plus what the generator knows about it. */
export interface GenSpan {
  span: SpanLike;
  endNs: bigint;
  sessionKey: string;
}

export interface SessionTruth {
  spans: number;
  llmCalls: number;
  toolCalls: number;
  inputTokens: number;
  outputTokens: number;
  /** LLM calls whose model has no price (their cost is unknown, never $0). */
  unpricedCalls: number;
}

export interface GenSession {
  /** The conversation id the spans carry (the engine's session id is derived from it). */
  conversationId: string;
  spans: GenSpan[];
  truth: SessionTruth;
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0').slice(-width);

function attr(key: string, value: string | number): KeyValueLike {
  if (typeof value === 'string') return { key, value: { stringValue: value } };
  return Number.isInteger(value) ? { key, value: { intValue: String(value) } } : { key, value: { doubleValue: value } };
}

const WORDS = 'the agent reads files runs tests edits code plans steps checks results writes patches asks model tool call output error retry cache token session trace span parent child'.split(' ');

/** About `bytes` characters of word soup (payload text: its content does not matter, its size does). */
function filler(random: () => number, bytes: number): string {
  const parts: string[] = [];
  let length = 0;
  while (length < bytes) {
    const word = WORDS[Math.floor(random() * WORDS.length)]!;
    parts.push(word);
    length += word.length + 1;
  }
  return parts.join(' ').slice(0, bytes);
}

interface ToolCall {
  tool: string;
  args: string;
  result: string;
}

const MODELS: Record<Convention, Array<{ model: string; provider: string }>> = {
  openinference: [
    { model: 'gpt-4o', provider: 'openai' },
    { model: 'claude-3-5-sonnet-20241022', provider: 'anthropic' },
  ],
  genai: [
    { model: 'gpt-4o', provider: 'openai' },
    { model: 'gpt-4o-mini', provider: 'openai' },
  ],
};
const UNPRICED_MODEL = { model: 'in-house-model-7b', provider: 'acme' };

/** A fresh tool call: reads, searches and (rarely) writes over a small set of files. */
function freshToolCall(random: () => number, index: number): ToolCall {
  const file = `src/module${Math.floor(random() * 12)}.ts`;
  const pick = random();
  if (pick < 0.5) return { tool: 'read', args: JSON.stringify({ path: file }), result: `// ${file}\n${'x'.repeat(40 + Math.floor(random() * 160))}` };
  if (pick < 0.8) return { tool: 'search', args: JSON.stringify({ query: `symbol${Math.floor(random() * 20)}` }), result: `${1 + Math.floor(random() * 9)} matches` };
  if (pick < 0.92) return { tool: 'exec', args: JSON.stringify({ command: `npm test -- --shard ${index % 5}` }), result: 'ok' };
  return { tool: 'write', args: JSON.stringify({ path: file, content: `export const v${index} = ${index};` }), result: 'written' };
}

/**
 * One session. `index` makes its ids unique within a workload; `startNs` is when its first trace
 * starts. Spans end strictly after all their children, so end order puts children first.
 */
export function generateSession(index: number, shape: SessionShape, random: () => number, startNs: bigint, tag = 'gen'): GenSession {
  const conversationId = `${tag}-${shape.convention}-${hex(index, 6)}`;
  const spans: GenSpan[] = [];
  const truth: SessionTruth = { spans: 0, llmCalls: 0, toolCalls: 0, inputTokens: 0, outputTokens: 0, unpricedCalls: 0 };
  const history: ToolCall[] = [];
  const oi = shape.convention === 'openinference';
  let clock = startNs;
  let counter = 0;
  let toolIndex = 0;
  const tick = (ms: number) => (clock += BigInt(Math.max(1, Math.round(ms * 1e6))));

  for (let t = 0; t < shape.traces; t++) {
    const traceId = hex(index + 1, 12) + hex(t + 1, 4) + hex(0x5eed, 16);
    const nextSpanId = () => hex(index + 1, 6) + hex(t + 1, 2) + hex(++counter, 8);
    const push = (span: SpanLike, endNs: bigint, depth: number) => {
      const idAttr = oi ? 'session.id' : 'gen_ai.conversation.id';
      if (shape.conversationIdOn === 'every-span' || depth === 0) span.attributes!.push(attr(idAttr, conversationId));
      spans.push({ span, endNs, sessionKey: conversationId });
      truth.spans += 1;
    };
    const base = (spanId: string, parentSpanId: string | undefined, name: string, kind: number, start: bigint, end: bigint, attributes: KeyValueLike[]): SpanLike => ({
      traceId,
      spanId,
      ...(parentSpanId ? { parentSpanId } : {}),
      name,
      kind,
      startTimeUnixNano: String(start),
      endTimeUnixNano: String(end),
      attributes,
      status: { code: 0 },
    });

    /** An LLM call; `inner` generates spans inside it (its tool calls, when they are its children). */
    const llmCall = (parentSpanId: string, depth: number, inner?: (llmSpanId: string) => void): void => {
      const spanId = nextSpanId();
      const start = clock;
      tick(20 + random() * 400);
      inner?.(spanId);
      tick(1);
      const end = clock;
      const { model, provider } = random() < shape.unpricedRate ? UNPRICED_MODEL : MODELS[shape.convention][Math.floor(random() * MODELS[shape.convention].length)]!;
      const input = 200 + Math.floor(random() * 6000);
      const output = 10 + Math.floor(random() * 600);
      const reported = random() < shape.reportedCostRate ? Math.round((input * 2.5 + output * 10) / 1e6 * 1e6) / 1e6 : undefined;
      const inText = filler(random, shape.inputBytes);
      const outText = filler(random, shape.outputBytes);
      const attributes: KeyValueLike[] = oi
        ? [
            attr('openinference.span.kind', 'LLM'),
            attr('llm.model_name', model),
            attr('llm.provider', provider),
            attr('llm.token_count.prompt', input),
            attr('llm.token_count.completion', output),
            attr('input.value', JSON.stringify([{ role: 'user', content: inText }])),
            attr('output.value', outText),
          ]
        : [
            attr('gen_ai.operation.name', 'chat'),
            attr('gen_ai.request.model', model),
            attr('gen_ai.provider.name', provider),
            attr('gen_ai.usage.input_tokens', input),
            attr('gen_ai.usage.output_tokens', output),
            attr('gen_ai.input.messages', JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: inText }] }])),
            attr('gen_ai.output.messages', JSON.stringify([{ role: 'assistant', parts: [{ type: 'text', content: outText }] }])),
          ];
      if (reported !== undefined) attributes.push(attr(oi ? 'llm.cost.total' : 'gen_ai.usage.cost', reported));
      push(base(spanId, parentSpanId, oi ? 'ChatCompletion' : `chat ${model}`, 3, start, end, attributes), end, depth);
      truth.llmCalls += 1;
      truth.inputTokens += input;
      truth.outputTokens += output;
      if (model === UNPRICED_MODEL.model) truth.unpricedCalls += 1;
    };

    const toolSpan = (call: ToolCall, parentSpanId: string, depth: number, start: bigint): bigint => {
      const spanId = nextSpanId();
      const end = start + BigInt(Math.round((5 + random() * 200) * 1e6));
      const failed = random() < shape.errorRate;
      const attributes: KeyValueLike[] = oi
        ? [attr('openinference.span.kind', 'TOOL'), attr('tool.name', call.tool), attr('input.value', call.args), attr('output.value', call.result)]
        : [
            attr('gen_ai.operation.name', 'execute_tool'),
            attr('gen_ai.tool.name', call.tool),
            attr('gen_ai.tool.call.id', `call_${spanId}`),
            attr('gen_ai.tool.call.arguments', call.args),
            attr('gen_ai.tool.call.result', call.result),
          ];
      const span = base(spanId, parentSpanId, oi ? call.tool : `execute_tool ${call.tool}`, 1, start, end, attributes);
      if (failed) span.status = { code: 2, message: `${call.tool} failed` };
      push(span, end, depth);
      truth.toolCalls += 1;
      return end;
    };

    /** Tool calls of one LLM response: sequential, or several starting at once (parallel). */
    const toolCalls = (count: number, parentSpanId: string, depth: number) => {
      let lastStart = clock;
      let latestEnd = clock;
      for (let i = 0; i < count; i++) {
        const repeat = history.length > 0 && random() < shape.repeatRate;
        const call = repeat ? history[Math.floor(random() * history.length)]! : freshToolCall(random, toolIndex++);
        history.push(call);
        const start = i > 0 && random() < shape.tieRate ? lastStart : (tick(1 + random() * 5), clock);
        const end = toolSpan(call, parentSpanId, depth, start);
        lastStart = start;
        if (end > latestEnd) latestEnd = end;
        if (end > clock) clock = end;
      }
      clock = latestEnd;
    };

    /** LLM and tool spans (exactly `budget` of them) under one agent span. */
    const agentBody = (agentSpanId: string, depth: number, budget: number) => {
      let left = budget;
      while (left > 0) {
        const tools = Math.min(left - 1, Math.floor(random() * (shape.maxToolsPerCall + 1)));
        const inside = tools > 0 && random() < shape.toolsUnderLlmRate;
        if (inside) {
          llmCall(agentSpanId, depth + 1, (llmSpanId) => toolCalls(tools, llmSpanId, depth + 2));
        } else {
          llmCall(agentSpanId, depth + 1);
          tick(1);
          toolCalls(tools, agentSpanId, depth + 1);
        }
        left -= 1 + tools;
        tick(1 + random() * 50);
      }
    };

    const agentSpan = (name: string, parentSpanId: string | undefined, depth: number, body: (spanId: string) => void) => {
      const spanId = nextSpanId();
      const start = clock;
      tick(1);
      body(spanId);
      tick(2);
      const end = clock;
      const attributes: KeyValueLike[] = oi
        ? [attr('openinference.span.kind', 'AGENT'), attr('agent.name', name)]
        : [attr('gen_ai.operation.name', 'invoke_agent'), attr('gen_ai.agent.name', name)];
      if (depth === 0) attributes.push(attr(oi ? 'input.value' : 'gen_ai.input.messages', `turn ${t + 1}: ${filler(random, 60)}`));
      push(base(spanId, parentSpanId, oi ? name : `invoke_agent ${name}`, 1, start, end, attributes), end, depth);
    };

    agentSpan('planner', undefined, 0, (rootId) => {
      for (let a = 0; a < shape.subAgents; a++) {
        agentSpan(`worker-${a}`, rootId, 1, (workerId) => {
          agentBody(workerId, 1, shape.childrenPerAgent);
          if (random() < shape.nestedAgentRate) {
            agentSpan(`helper-${a}`, workerId, 2, (helperId) => agentBody(helperId, 2, 2 + Math.floor(random() * 6)));
          }
        });
      }
    });
    tick(1000 + random() * 5000);
  }
  return { conversationId, spans, truth };
}

/** Children before parents, as a BatchSpanProcessor exports (a span is queued when it ends). */
export function endOrder(spans: readonly GenSpan[]): GenSpan[] {
  return [...spans].sort((a, b) => (a.endNs < b.endNs ? -1 : a.endNs > b.endNs ? 1 : 0));
}

/** Consecutive pieces of `min`..`max` items each. */
export function splitRandom<T>(items: readonly T[], random: () => number, min: number, max: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; ) {
    const size = min + Math.floor(random() * (max - min + 1));
    out.push(items.slice(i, i + size));
    i += size;
  }
  return out;
}

export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** One ExportTraceServiceRequest holding `spans` (one resource, one scope, as an SDK batches them). */
export function toRequest(spans: readonly GenSpan[], serviceName = 'generated-agent'): ExportTraceServiceRequestLike {
  return {
    resourceSpans: [
      {
        resource: { attributes: [attr('service.name', serviceName), attr('telemetry.sdk.language', 'nodejs')] },
        scopeSpans: [{ scope: { name: 'generated-instrumentation', version: '1.0.0' }, spans: spans.map((s) => s.span) }],
      },
    ],
  };
}
