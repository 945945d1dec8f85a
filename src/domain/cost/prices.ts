// The one place that talks to @pydantic/genai-prices.
//
// Offline by construction: `calcPrice` is synchronous and reads the data bundled in the package
// unless `updatePrices` has installed a fetcher. Nothing in this codebase calls `updatePrices`, so
// prices never come from the network and the same package version always gives the same numbers.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { calcPrice, findProvider, type Provider, type Usage as GenaiUsage } from '@pydantic/genai-prices';
import type { Usage } from '../model.ts';
import type { ModelRef } from './model-id.ts';

const PACKAGE_NAME = '@pydantic/genai-prices';

let cachedVersion: string | undefined;

/**
 * Version of the bundled price data, e.g. `genai-prices@0.1.8`. The package exposes no data date,
 * and its data is frozen into each release, so the installed package version identifies the data.
 */
export function priceDataVersion(): string {
  if (cachedVersion === undefined) cachedVersion = `genai-prices@${readInstalledVersion()}`;
  return cachedVersion;
}

function readInstalledVersion(): string {
  // The package's `exports` map does not expose package.json, so locate it beside the entry point.
  const entry = createRequire(import.meta.url).resolve(PACKAGE_NAME);
  let dir = path.dirname(entry);
  for (let depth = 0; depth < 4; depth++, dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (!fs.existsSync(file)) continue;
    const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
    if (pkg.name === PACKAGE_NAME && typeof pkg.version === 'string') return pkg.version;
  }
  throw new Error(`Cannot find the installed version of ${PACKAGE_NAME} (looked above ${entry})`);
}

/**
 * Our additive usage in genai-prices' convention. There `input_tokens` is the WHOLE prompt and the
 * cache counts are partitions of it (its README: "Do not pass only the uncached count"); it prices
 * the uncached remainder at the input rate. Ours excludes cache tokens from `input`, so they are
 * added back here: each token lands in exactly one partition and is priced exactly once. 1-hour
 * cache writes are a partition of cache writes, priced at `cache_write_1h_mtok` when the model has
 * one and at the plain cache-write rate otherwise.
 */
export function toGenaiUsage(usage: Usage): GenaiUsage {
  const cacheWrite = usage.cacheWrite + usage.cacheWrite1h;
  const out: GenaiUsage = {
    input_tokens: usage.input + usage.cacheRead + cacheWrite,
    output_tokens: usage.output,
    cache_read_tokens: usage.cacheRead,
    cache_write_tokens: cacheWrite,
    cache_write_1h_tokens: usage.cacheWrite1h,
  };
  // Reasoning is part of output; pass it only when consistent, so a model with its own reasoning
  // rate prices it there and a source that counted it outside `output` cannot make pricing throw.
  if (usage.reasoning > 0 && usage.reasoning <= usage.output) out.output_reasoning_tokens = usage.reasoning;
  return out;
}

export type PriceLookup = { ok: true; costUsd: number; pricedAs: string } | { ok: false; reason: string };

/** Prices `usage` with an explicit provider definition (used for user overrides). */
export function priceWithProvider(provider: Provider, modelId: string, usage: Usage, at?: Date): PriceLookup {
  return attempt(() => calcPrice(toGenaiUsage(usage), modelId, { provider, ...(at ? { timestamp: at } : {}) }));
}

/**
 * Prices `usage` from the bundled data. A provider the data knows is binding: a model it does not
 * list there is unpriced rather than priced as another provider's model of the same name (Z.AI's
 * `glm-5` is not Zhipu's mainland `glm-5`). A provider the data does not know (framework names
 * such as `langchain`) falls back to matching on the model id alone.
 */
export function priceFromBundledData(ref: ModelRef, usage: Usage, at?: Date): PriceLookup {
  const known = (id: string | null) => (id && findProvider({ providerId: id }) ? id : undefined);
  const provider = known(ref.provider);
  const prefix = known(ref.prefix);
  const attempts: Array<{ providerId: string | undefined; model: string }> = [{ providerId: provider, model: ref.full }];
  if (ref.bare !== ref.full) attempts.push({ providerId: prefix ?? provider, model: ref.bare });

  for (const { providerId, model } of attempts) {
    const options = { ...(providerId ? { providerId } : {}), ...(at ? { timestamp: at } : {}) };
    const result = attempt(() => calcPrice(toGenaiUsage(usage), model, options));
    if (result.ok || !result.reason.startsWith(NOT_FOUND)) return result;
  }
  const where = provider ? `provider '${provider}'` : ref.provider ? `any provider (unknown provider '${ref.provider}')` : 'any provider';
  return { ok: false, reason: `${NOT_FOUND}: model '${ref.full}' for ${where} in ${priceDataVersion()}` };
}

const NOT_FOUND = 'no price data';

function attempt(run: () => ReturnType<typeof calcPrice>): PriceLookup {
  try {
    const result = run();
    if (!result) return { ok: false, reason: NOT_FOUND };
    return { ok: true, costUsd: result.total_price, pricedAs: `${result.provider.id}/${result.model.id}` };
  } catch (error) {
    // Malformed usage or price data: reported as unpriced with the reason, never as $0.
    return { ok: false, reason: `price calculation failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}
