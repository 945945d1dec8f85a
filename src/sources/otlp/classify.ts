// Span kind from the attribute conventions (GenAI semconv, OpenInference, Vercel AI SDK,
// OpenLLMetry), first convention that decides wins. Decisions that are ours, not a convention's:
//
// - `call_llm` (mozilla-ai any-agent's operation name) is inference, like `chat`.
// - OpenInference EMBEDDING is LLM when the span reports tokens (it is one billable model call, and
//   must be priced), otherwise OTHER (nothing to price, and it is not a chat turn).
// - An agent span nested in another agent span stays AGENT in the same session: OTLP gives no
//   separate child session to point a spawn at, so no SpawnRecord is made for it.
// - Vercel's `ai.generateText` / `ai.streamText` / `ai.generateObject` / `ai.streamObject` are the
//   multi-step agent loop around `*.doGenerate` / `*.doStream` calls: AGENT, with aggregate usage.
// - Spans with a tool name and no other hint are TOOL; with an agent name and no other hint, AGENT
//   (Koog tool spans, Pydantic AI `agent run` spans).
import type { SpanKind } from '../../domain/model.ts';
import { readString, type Attributes } from './attributes.ts';

export interface Classification {
  kind: SpanKind;
  /** Which convention decided, kept on the span as `classifiedBy`. */
  rule: string;
}

const decided = (kind: SpanKind, rule: string): Classification => ({ kind, rule });

const GEN_AI_OPERATIONS: Readonly<Record<string, SpanKind>> = {
  chat: 'LLM',
  text_completion: 'LLM',
  generate_content: 'LLM',
  embeddings: 'LLM',
  call_llm: 'LLM',
  execute_tool: 'TOOL',
  invoke_agent: 'AGENT',
  create_agent: 'AGENT',
  invoke_workflow: 'AGENT',
};

function byGenAiOperation(attrs: Attributes): Classification | undefined {
  const op = readString(attrs, ['gen_ai.operation.name'])?.toLowerCase();
  const kind = op === undefined ? undefined : GEN_AI_OPERATIONS[op];
  return kind ? decided(kind, 'gen_ai.operation.name') : undefined;
}

function byOpenInference(attrs: Attributes, hasUsage: boolean): Classification | undefined {
  const kind = readString(attrs, ['openinference.span.kind'])?.toUpperCase();
  if (kind === undefined) return undefined;
  if (kind === 'LLM' || kind === 'TOOL' || kind === 'AGENT') return decided(kind, 'openinference.span.kind');
  if (kind === 'EMBEDDING') return decided(hasUsage ? 'LLM' : 'OTHER', 'openinference.span.kind');
  // CHAIN, RETRIEVER, RERANKER, GUARDRAIL, EVALUATOR, PROMPT, UNKNOWN: orchestration, not a model call.
  return decided('OTHER', 'openinference.span.kind');
}

const VERCEL_AGENT_LOOPS = new Set(['ai.generateText', 'ai.streamText', 'ai.generateObject', 'ai.streamObject']);

function byVercel(attrs: Attributes): Classification | undefined {
  const op = readString(attrs, ['ai.operationId', 'operation.name']);
  if (op === undefined || !op.startsWith('ai.')) return undefined;
  if (/\.(doGenerate|doStream|doEmbed)$/.test(op)) return decided('LLM', 'ai.operationId');
  if (op === 'ai.toolCall') return decided('TOOL', 'ai.operationId');
  if (VERCEL_AGENT_LOOPS.has(op)) return decided('AGENT', 'ai.operationId');
  // ai.embed / ai.embedMany wrap doEmbed calls (their usage, like any non-LLM span's, is aggregate).
  return decided('OTHER', 'ai.operationId');
}

function byOpenLlmetry(attrs: Attributes): Classification | undefined {
  const kind = readString(attrs, ['traceloop.span.kind'])?.toLowerCase();
  if (kind === 'agent' || kind === 'workflow') return decided('AGENT', 'traceloop.span.kind');
  if (kind === 'tool') return decided('TOOL', 'traceloop.span.kind');
  if (kind === 'task') return decided('OTHER', 'traceloop.span.kind');
  const requestType = readString(attrs, ['llm.request.type'])?.toLowerCase();
  if (requestType === 'chat' || requestType === 'completion' || requestType === 'embedding') return decided('LLM', 'llm.request.type');
  return undefined;
}

function byNames(attrs: Attributes): Classification | undefined {
  if (readString(attrs, ['gen_ai.tool.name', 'tool.name'])) return decided('TOOL', 'tool.name');
  if (readString(attrs, ['gen_ai.agent.name', 'agent.name'])) return decided('AGENT', 'agent.name');
  return undefined;
}

export function classifySpan(attrs: Attributes, hasUsage: boolean): Classification {
  return (
    byGenAiOperation(attrs) ??
    byOpenInference(attrs, hasUsage) ??
    byVercel(attrs) ??
    byOpenLlmetry(attrs) ??
    byNames(attrs) ??
    decided('OTHER', 'default')
  );
}
