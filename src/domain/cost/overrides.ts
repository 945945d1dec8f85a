// User price overrides: a YAML file of per-model prices that win over reported and bundled prices
// (DESIGN §6). For negotiated rates, subscription plans, models the bundled data lacks or prices
// for another region (Z.AI's international `glm-5` vs Zhipu's mainland one). See
// examples/prices.yaml for the documented format.
import fs from 'node:fs';
import type { Provider } from '@pydantic/genai-prices';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { shortHash } from '../hash.ts';
import type { Usage } from '../model.ts';
import { modelFamilyKey, modelKey, parseModelRef, type ModelRef } from './model-id.ts';
import { priceWithProvider, type PriceLookup } from './prices.ts';

/** A price file that cannot be used. `code` is stable for callers; the message says what to fix. */
export class PriceOverridesError extends Error {
  readonly code = 'PRICE_OVERRIDES_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'PriceOverridesError';
  }
}

const rate = z.number().finite().nonnegative();

/** Keys and units follow genai-prices (`_mtok` = USD per million tokens) so entries read alike. */
const OverrideEntrySchema = z
  .strictObject({
    /** Provider as the traces spell it (`zai`, `anthropic`, `openai-codex`); omit to match any. */
    provider: z.string().min(1).optional(),
    /** Model id; a `provider/` prefix, dots vs hyphens and a trailing snapshot date are normalised. */
    model: z.string().min(1),
    input_mtok: rate,
    output_mtok: rate,
    /** Missing cache rates fall back to the input rate, as in genai-prices. */
    cache_read_mtok: rate.optional(),
    /** Cache writes of 5-minute or unknown lifetime. */
    cache_write_mtok: rate.optional(),
    /** 1-hour cache writes; needs cache_write_mtok (genai-prices prices units with their parent). */
    cache_write_1h_mtok: rate.optional(),
    /** Free text: where the price comes from. Kept for people, ignored by pricing. */
    note: z.string().optional(),
  })
  .refine((e) => e.cache_write_1h_mtok === undefined || e.cache_write_mtok !== undefined, {
    message: 'cache_write_1h_mtok needs cache_write_mtok as well',
    path: ['cache_write_1h_mtok'],
  });

const OverridesFileSchema = z.strictObject({
  models: z.array(OverrideEntrySchema).default([]),
});

type OverrideEntry = z.infer<typeof OverrideEntrySchema>;

interface CompiledOverride {
  /** `zai/glm-5` or `*\/glm-5`, for provenance (`pricedAs`). */
  label: string;
  providers: string[] | null;
  key: string;
  provider: Provider;
}

export interface PriceOverrides {
  /** `overrides@<hash of the file text>`: which override file priced a span. */
  version: string;
  size: number;
  /** The override for this model, if any, priced; `undefined` when no entry matches. */
  price(ref: ModelRef, usage: Usage, at?: Date): (PriceLookup & { pricedAs?: string }) | undefined;
}

export function loadPriceOverridesFile(file: string): PriceOverrides {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new PriceOverridesError(`Cannot read price overrides file ${file}: ${(error as Error).message}`);
  }
  return parsePriceOverrides(text, file);
}

export function parsePriceOverrides(text: string, origin = 'price overrides'): PriceOverrides {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? `:${error.linePos[0].line}` : '';
    throw new PriceOverridesError(`${origin}${where}: not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = OverridesFileSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ');
    throw new PriceOverridesError(`${origin}: ${problems}`);
  }
  const compiled = parsed.data.models.map((entry, index) => compile(entry, `${origin}: models.${index}`));
  rejectDuplicates(compiled, origin);
  return {
    version: `overrides@${shortHash(text)}`,
    size: compiled.length,
    price(ref, usage, at) {
      const match = findOverride(compiled, ref);
      if (!match) return undefined;
      return { ...priceWithProvider(match.provider, match.key, usage, at), pricedAs: `override:${match.label}` };
    },
  };
}

function compile(entry: OverrideEntry, where: string): CompiledOverride {
  const ref = parseModelRef(entry.model);
  // Kept as written (not aliased): an entry for `openai-codex` must not price plain `openai`
  // spans, while an entry for `openai` still covers `openai-codex` spans, whose names include
  // the alias (see ModelRef.providerNames).
  const writtenPrefix = ref.full.includes('/') ? ref.full.slice(0, ref.full.indexOf('/')) : null;
  const provider = entry.provider?.trim().toLowerCase() ?? writtenPrefix;
  const key = modelKey(ref.bare);
  const prices: Record<string, number> = { input_mtok: entry.input_mtok, output_mtok: entry.output_mtok };
  if (entry.cache_read_mtok !== undefined) prices.cache_read_mtok = entry.cache_read_mtok;
  if (entry.cache_write_mtok !== undefined) prices.cache_write_mtok = entry.cache_write_mtok;
  if (entry.cache_write_1h_mtok !== undefined) prices.cache_write_1h_mtok = entry.cache_write_1h_mtok;
  const compiled: CompiledOverride = {
    label: `${provider ?? '*'}/${key}`,
    providers: provider ? [provider] : null,
    key,
    provider: {
      id: 'clawtrace-override',
      name: 'ClawTrace price override',
      api_pattern: '^$',
      models: [{ id: key, match: { equals: key }, prices }],
    },
  };
  // Price a probe now so an entry genai-prices would reject fails at start, with its location.
  const probe = priceWithProvider(compiled.provider, key, { input: 1, output: 1, cacheRead: 1, cacheWrite: 1, cacheWrite1h: 1, reasoning: 0 });
  if (!probe.ok) throw new PriceOverridesError(`${where}: ${probe.reason}`);
  return compiled;
}

function rejectDuplicates(entries: CompiledOverride[], origin: string): void {
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.label)) throw new PriceOverridesError(`${origin}: ${e.label} is listed twice`);
    seen.add(e.label);
  }
}

/**
 * Most specific entry first: the exact model before its family (snapshot date dropped), and at
 * each level an entry naming the span's provider before one that matches any provider.
 */
function findOverride(entries: CompiledOverride[], ref: ModelRef): CompiledOverride | undefined {
  for (const key of new Set([modelKey(ref.bare), modelFamilyKey(ref.bare)])) {
    const candidates = entries.filter((e) => e.key === key);
    const named = candidates.find((e) => e.providers?.some((p) => ref.providerNames.includes(p)));
    if (named) return named;
    const anyProvider = candidates.find((e) => e.providers === null);
    if (anyProvider) return anyProvider;
  }
  return undefined;
}
