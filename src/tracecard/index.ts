// TraceCard: compile (pure, from graph rows) → fit to the token budget → deterministic YAML.
import { DEFAULT_BUDGET_TOKENS, fitToBudget, type FittedCard } from './budget.ts';
import { compileCard, type CompileOptions } from './compile.ts';
import { renderCard } from './render.ts';
import type { CardInput } from './types.ts';

export interface CardOptions extends CompileOptions {
  /** Token budget (chars / 4); default 512 ≈ 2 KiB. */
  budgetTokens?: number;
}

export function buildTraceCard(input: CardInput, options: CardOptions = {}): FittedCard {
  const compiled = compileCard(input, options);
  return fitToBudget(compiled, options.budgetTokens ?? DEFAULT_BUDGET_TOKENS, renderCard);
}

export { DEFAULT_BUDGET_TOKENS, estimateTokens } from './budget.ts';
export { compileCard } from './compile.ts';
export { presentCard, renderCard } from './render.ts';
export type { CardInput, TraceCard } from './types.ts';
