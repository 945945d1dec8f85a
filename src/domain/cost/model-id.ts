// Model and provider ids as sources write them, reduced to what price lookups can match.
//
// Sources disagree on spelling: OpenClaw writes `claude-opus-4-6` with provider `anthropic` but
// also `anthropic/claude-opus-4-6` and `openai-codex/gpt-5.3-codex` in spawn arguments; OTel
// exporters write `mistral/mistral-small-latest` (LiteLLM style); Claude Code writes dated ids
// (`claude-sonnet-4-5-20250929`); people write `claude-opus-4.6` by hand. The paper matched these
// with a dotted regex and priced Opus 4.6 three times too high (FORMATS §5), so the rules live here,
// in one place, with tests.

/** A model reference split into an optional provider and the bare model id, both lowercase. */
export interface ModelRef {
  /** Provider from the span's `provider` field, else from a `provider/` prefix of the model. */
  provider: string | null;
  /** Provider written as a prefix of the model id (`anthropic/claude-opus-4-6` → `anthropic`). */
  prefix: string | null;
  /** The model id without any provider prefix. */
  bare: string;
  /** The model id exactly as given, lowercased and trimmed. */
  full: string;
  /** Every spelling of the provider this span carries (raw and aliased), for override matching. */
  providerNames: string[];
}

/**
 * Provider names some sources use that genai-prices does not resolve on its own, mapped to its
 * provider ids. Names it already resolves (`openai-codex`, `gcp.vertex_ai`, `openai.responses`
 * match through its own provider_match rules) need no entry. `z.ai` must not fall through to
 * model matching, which would pick Zhipu's mainland (CNY-converted) prices for `glm-*`.
 */
// A Map, not an object literal: the key is whatever a trace says, and `__proto__` or `constructor`
// must not resolve to Object.prototype's members (issue 13).
const PROVIDER_ALIASES: ReadonlyMap<string, string> = new Map([
  ['openai-codex', 'openai'],
  ['z.ai', 'zai'],
  ['z-ai', 'zai'],
  ['zhipu', 'zhipuai'],
  ['xai', 'x-ai'],
  ['gemini', 'google'],
  ['google-genai', 'google'],
  ['amazon-bedrock', 'aws'],
  ['bedrock', 'aws'],
]);

export function normaliseProvider(provider: string | null | undefined): string | null {
  const p = provider?.trim().toLowerCase();
  if (!p) return null;
  return PROVIDER_ALIASES.get(p) ?? p;
}

export function parseModelRef(model: string, provider?: string | null): ModelRef {
  const full = model.trim().toLowerCase();
  // Only the first `/` separates a provider: `accounts/fireworks/models/x` keeps its own path,
  // which genai-prices matches as a whole (the full id is always tried first).
  const slash = full.indexOf('/');
  const prefix = slash > 0 ? full.slice(0, slash) : null;
  const bare = slash > 0 ? full.slice(slash + 1) : full;
  const raw = [provider?.trim().toLowerCase(), prefix].filter((p): p is string => Boolean(p));
  const providerNames = [...new Set([...raw, ...raw.map((p) => normaliseProvider(p) ?? p)])];
  return {
    provider: normaliseProvider(provider) ?? normaliseProvider(prefix),
    prefix: normaliseProvider(prefix),
    bare,
    full,
    providerNames,
  };
}

// A snapshot date at the end of an id: -20250929, -2025-09-29, or Vertex's @20241022.
const DATE_SUFFIX = /(?:[-@]20\d{2}-?(?:0[1-9]|1[0-2])-?(?:0[1-9]|[12]\d|3[01]))$/;

/**
 * The key an override entry and a span's model are compared on: bare id, dots between digits
 * written as hyphens (`claude-opus-4.6` ≡ `claude-opus-4-6`, `gpt-5.3-codex` ≡ `gpt-5-3-codex`).
 */
export function modelKey(bareModel: string): string {
  return bareModel.trim().toLowerCase().replace(/(\d)\.(?=\d)/g, '$1-');
}

/** `modelKey` without a trailing snapshot date, so an entry for a family covers its snapshots. */
export function modelFamilyKey(bareModel: string): string {
  return modelKey(bareModel).replace(DATE_SUFFIX, '');
}
