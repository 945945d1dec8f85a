// The OTel attributes of one Langfuse observation, with what Langfuse took out restored from its own
// fields. Langfuse removes attributes it maps into its columns (token counts of Koog and the
// LangSmith exporter; everything of `langfuse-sdk` observations), and observations written by
// Langfuse's own SDKs never had OTel attributes. So, only where nothing is left to say it:
// - a GENERATION gets `gen_ai.usage.*` from `usageDetails`, `gen_ai.operation.name=chat` and
//   `gen_ai.request.model` from `model`;
// - a TOOL gets `gen_ai.operation.name=execute_tool` and its name as `gen_ai.tool.name`; an AGENT
//   gets `gen_ai.operation.name=invoke_agent`.
// What was restored is listed in `clawtrace.derived.fields`, so it is never mistaken for the source's.
import type { JsonObject } from '../shared/lossless-json.ts';
import type { LangfuseObservation } from './schema.ts';
import { usageDetailsToAttributes } from './usage-details.ts';

/** Any attribute the OTLP adapter reads token counts from (see src/sources/otlp/usage.ts). */
const TOKEN_KEY = /^(gen_ai\.usage\.(input|output|prompt|completion)_tokens|llm\.token_count\.(prompt|completion)|ai\.usage\.(input|output|prompt|completion)Tokens|llm\.usage\.(prompt|completion)_tokens)$/;
const KIND_KEYS = ['gen_ai.operation.name', 'openinference.span.kind', 'ai.operationId', 'llm.request.type', 'traceloop.span.kind'];
const MODEL_KEYS = ['gen_ai.response.model', 'gen_ai.request.model', 'llm.model_name', 'ai.model.id'];
const TOOL_NAME_KEYS = ['gen_ai.tool.name', 'tool.name'];

const has = (attributes: JsonObject, keys: readonly string[]) => keys.some((k) => Object.hasOwn(attributes, k));

export function restoreAttributes(obs: LangfuseObservation, original: JsonObject): JsonObject {
  const derived: string[] = [];
  const out: JsonObject = { ...original };
  if (obs.type === 'GENERATION') {
    const usage = obs.usageDetails ?? {};
    if (!Object.keys(out).some((k) => TOKEN_KEY.test(k)) && Object.keys(usage).length) {
      Object.assign(out, usageDetailsToAttributes(usage));
      derived.push('usage');
    }
    if (!has(out, KIND_KEYS)) {
      out['gen_ai.operation.name'] = 'chat';
      derived.push('operation');
    }
    if (obs.model && !has(out, MODEL_KEYS)) {
      out['gen_ai.request.model'] = obs.model;
      derived.push('model');
    }
  } else if (obs.type === 'TOOL' && !has(out, KIND_KEYS) && !has(out, TOOL_NAME_KEYS)) {
    out['gen_ai.operation.name'] = 'execute_tool';
    if (obs.name) out['gen_ai.tool.name'] = obs.name;
    derived.push('operation', 'tool');
  } else if (obs.type === 'AGENT' && !has(out, KIND_KEYS)) {
    out['gen_ai.operation.name'] = 'invoke_agent';
    derived.push('operation');
  }
  if (derived.length) out['clawtrace.derived.fields'] = derived.join(',');
  return out;
}
