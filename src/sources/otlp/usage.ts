// Token usage from the attribute conventions seen in real OTLP exports, into ClawTrace's additive
// Usage (input excludes cache reads and writes; reasoning is part of output).
//
// Exactly one convention is read per span, in the order below, and never summed across conventions:
// a span often carries the same numbers twice (Google ADK sets both gen_ai.usage.* and
// llm.token_count.*; Vercel's doGenerate sets both ai.usage.* and gen_ai.usage.*).
import type { Usage } from '../../domain/model.ts';
import { readCount, type Attributes, type FieldProblem } from './attributes.ts';

interface Convention {
  name: string;
  input: readonly string[];
  output: readonly string[];
  cacheRead: readonly string[];
  cacheWrite: readonly string[];
  reasoning: readonly string[];
}

const CONVENTIONS: readonly Convention[] = [
  {
    // OTel GenAI semconv; input INCLUDES cache reads and writes. prompt/completion are deprecated names.
    name: 'gen_ai',
    input: ['gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens'],
    output: ['gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens'],
    cacheRead: ['gen_ai.usage.cache_read.input_tokens', 'gen_ai.usage.cache_read_input_tokens'],
    cacheWrite: ['gen_ai.usage.cache_creation.input_tokens', 'gen_ai.usage.cache_creation_input_tokens'],
    reasoning: ['gen_ai.usage.reasoning.output_tokens'],
  },
  {
    // OpenInference: prompt_details.* are a breakdown of prompt, not additional tokens.
    name: 'openinference',
    input: ['llm.token_count.prompt'],
    output: ['llm.token_count.completion'],
    cacheRead: ['llm.token_count.prompt_details.cache_read'],
    cacheWrite: ['llm.token_count.prompt_details.cache_write'],
    reasoning: ['llm.token_count.completion_details.reasoning'],
  },
  {
    // Vercel AI SDK: v5 inputTokens/outputTokens (cachedInputTokens is part of inputTokens), v4 prompt/completion.
    name: 'vercel',
    input: ['ai.usage.inputTokens', 'ai.usage.promptTokens'],
    output: ['ai.usage.outputTokens', 'ai.usage.completionTokens'],
    cacheRead: ['ai.usage.cachedInputTokens'],
    cacheWrite: [],
    reasoning: ['ai.usage.reasoningTokens'],
  },
  {
    // OpenLLMetry (Traceloop): llm.usage.* with cache counts under its own or gen_ai names.
    name: 'openllmetry',
    input: ['llm.usage.prompt_tokens'],
    output: ['llm.usage.completion_tokens'],
    cacheRead: ['llm.usage.cache_read_input_tokens', 'gen_ai.usage.cache_read_input_tokens'],
    cacheWrite: ['llm.usage.cache_creation_input_tokens', 'gen_ai.usage.cache_creation_input_tokens'],
    reasoning: ['llm.usage.reasoning_tokens'],
  },
];

export interface UsageReading {
  usage: Usage;
  convention: string;
  /** Set when the numbers only make sense in the additive convention (see below). */
  note?: string;
}

function first(attrs: Attributes, keys: readonly string[], problems: FieldProblem[]): number | undefined {
  for (const key of keys) {
    const n = readCount(attrs, key, problems);
    if (n !== undefined) return n;
  }
  return undefined;
}

/** The span's own token usage, or undefined when it reports none. Bad numbers go to `problems`. */
export function readUsage(attrs: Attributes, problems: FieldProblem[]): UsageReading | undefined {
  for (const c of CONVENTIONS) {
    if (![...c.input, ...c.output].some((key) => attrs.has(key))) continue;
    const before = problems.length;
    const reported = first(attrs, c.input, problems) ?? 0;
    const output = first(attrs, c.output, problems) ?? 0;
    const cacheRead = first(attrs, c.cacheRead, problems) ?? 0;
    const cacheWrite = first(attrs, c.cacheWrite, problems) ?? 0;
    const reasoning = first(attrs, c.reasoning, problems) ?? 0;
    if (problems.length > before) return undefined;
    const notes: string[] = [];
    // The conventions say input includes cached tokens. When it is smaller than the cache counts the
    // sender must have used Anthropic's additive style; subtracting would price fresh input at zero
    // (a defect of the paper's implementation), so the input is kept as it is.
    let input = reported - cacheRead - cacheWrite;
    if (input < 0) {
      input = reported;
      notes.push('input reported without cached tokens');
    }
    // Likewise output includes reasoning; a sender reporting more reasoning than output left it out.
    let totalOutput = output;
    if (reasoning > output) {
      totalOutput = output + reasoning;
      notes.push('output reported without reasoning tokens');
    }
    const usage: Usage = { input, output: totalOutput, cacheRead, cacheWrite, cacheWrite1h: 0, reasoning };
    return notes.length ? { usage, convention: c.name, note: notes.join('; ') } : { usage, convention: c.name };
  }
  return undefined;
}

export function totalTokens(usage: Usage): number {
  return usage.input + usage.output + usage.cacheRead + usage.cacheWrite + usage.cacheWrite1h;
}
