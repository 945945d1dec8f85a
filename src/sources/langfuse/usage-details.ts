// Langfuse `usageDetails` → GenAI semconv usage attributes, for generations whose original token
// attributes Langfuse removed when it mapped them into its own fields (Koog, the LangSmith exporter,
// everything of `langfuse-sdk` observations).
//
// Langfuse keys are additive (`total` is the sum of the others): `input` excludes `input_cache_read`,
// `output` excludes `output_reasoning`. Semconv counts include their parts, so they are summed back.
import type { JsonObject } from '../shared/lossless-json.ts';

function sumOf(details: Record<string, number>, prefix: string): number {
  let total = 0;
  for (const [key, n] of Object.entries(details)) if (key === prefix || key.startsWith(`${prefix}_`)) total += n;
  return total;
}

export function usageDetailsToAttributes(details: Record<string, number>): JsonObject {
  const own = (key: string) => (Object.hasOwn(details, key) ? details[key] : undefined);
  const out: JsonObject = { 'gen_ai.usage.input_tokens': sumOf(details, 'input'), 'gen_ai.usage.output_tokens': sumOf(details, 'output') };
  const cacheRead = own('input_cache_read') ?? own('input_cached_tokens');
  if (cacheRead) out['gen_ai.usage.cache_read.input_tokens'] = cacheRead;
  const cacheWrite = own('input_cache_creation');
  if (cacheWrite) out['gen_ai.usage.cache_creation.input_tokens'] = cacheWrite;
  const reasoning = own('output_reasoning');
  if (reasoning) out['gen_ai.usage.reasoning.output_tokens'] = reasoning;
  return out;
}
