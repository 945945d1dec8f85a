// The descriptive fields of a span: model, provider, tool, request/response payloads, error text.
// Key lists are in precedence order; the first present key wins.
import type { SpanKind } from '../../domain/model.ts';
import { nestedDeeperThan } from '../../domain/json-depth.ts';
import { readRaw, readString, type Attributes, type AttrValue } from './attributes.ts';

const MODEL_KEYS = ['gen_ai.response.model', 'gen_ai.request.model', 'llm.model_name', 'ai.response.model', 'ai.model.id', 'llm.response.model', 'llm.request.model'];
const PROVIDER_KEYS = ['gen_ai.provider.name', 'gen_ai.system', 'llm.provider', 'llm.system', 'ai.model.provider'];
const TOOL_NAME_KEYS = ['gen_ai.tool.name', 'tool.name', 'ai.toolCall.name'];
const TOOL_CALL_ID_KEYS = ['gen_ai.tool.call.id', 'tool.id', 'tool_call.id', 'ai.toolCall.id'];
// `gen_ai.tool.args` and `gen_ai.output` are any-agent's spellings.
const TOOL_ARGS_KEYS = ['gen_ai.tool.call.arguments', 'gen_ai.tool.args', 'input.value', 'ai.toolCall.args'];
const TOOL_RESULT_KEYS = ['gen_ai.tool.call.result', 'output.value', 'ai.toolCall.result', 'gen_ai.output'];
const LLM_REQUEST_KEYS = ['gen_ai.input.messages', 'input.value', 'ai.prompt.messages', 'ai.prompt'];
const LLM_RESPONSE_KEYS = ['gen_ai.output.messages', 'output.value', 'ai.response.text', 'gen_ai.output'];
const OTHER_INPUT_KEYS = ['input.value'];
const OTHER_OUTPUT_KEYS = ['output.value'];
const FINISH_REASON_KEYS = ['gen_ai.response.finish_reasons', 'ai.response.finishReason', 'llm.response.finish_reason'];

export interface SpanFields {
  model?: string;
  provider?: string;
  toolName?: string;
  toolCallId?: string;
  args?: unknown;
  result?: unknown;
  finishReason?: string;
}

/**
 * Payloads are often JSON serialised into a string attribute (attributes cannot hold maps). Parsing
 * JSON objects and arrays back lets the writer canonicalise arguments by key; other text stays text.
 */
function payload(value: AttrValue | undefined): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) return value;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed) as unknown;
  } catch {
    return value;
  }
  // JSON.parse copes with any depth; the recursive walks after it (String(), canonical JSON) do not.
  return nestedDeeperThan(parsed) ? value : parsed;
}

function finishReason(attrs: Attributes): string | undefined {
  const raw = readRaw(attrs, FINISH_REASON_KEYS);
  const parsed = payload(raw);
  if (Array.isArray(parsed)) return parsed.length ? String(parsed[0]) : undefined;
  return typeof parsed === 'string' || typeof parsed === 'number' ? String(parsed) : undefined;
}

export function readSpanFields(attrs: Attributes, kind: SpanKind): SpanFields {
  const fields: SpanFields = {
    model: readString(attrs, MODEL_KEYS),
    provider: readString(attrs, PROVIDER_KEYS),
    toolName: readString(attrs, TOOL_NAME_KEYS),
    toolCallId: readString(attrs, TOOL_CALL_ID_KEYS),
    finishReason: finishReason(attrs),
  };
  const [argKeys, resultKeys] =
    kind === 'TOOL' ? [TOOL_ARGS_KEYS, TOOL_RESULT_KEYS] : kind === 'LLM' ? [LLM_REQUEST_KEYS, LLM_RESPONSE_KEYS] : [OTHER_INPUT_KEYS, OTHER_OUTPUT_KEYS];
  const args = readRaw(attrs, argKeys);
  const result = readRaw(attrs, resultKeys);
  if (args !== undefined) fields.args = payload(args);
  if (result !== undefined) fields.result = payload(result);
  return fields;
}
