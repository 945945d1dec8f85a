// The card's token budget. Tokens are estimated as characters / 4 (rounded up): the usual rule of
// thumb for English and YAML under BPE tokenisers, stable, and free of any tokeniser dependency.
// The default, 512 tokens ≈ 2 KiB of YAML, holds a typical single session in full; a large tree
// is cut down to its most expensive rows.
//
// When a card is over budget, rows are cut from the end of a list (lists are sorted most important
// first) following CUT_STEPS: lower-priority sections first, each down to one row; then the cost
// breakdowns and the redundancy list (the totals and the redundancy summary by kind still say the
// gist) are emptied; then top steps and sub-agents down to one row. Sub-agents, failures and top
// steps never lose their last row, and the header, totals and provenance are never cut: under a
// budget too small for that floor the card stays useful and its `cardTokens` shows the overrun.
// Room a long row could not use is then filled with shorter rows, most important section first. A
// `truncated` marker says which sections show fewer rows than there were (rows held back by the
// compile-time row cap included).
import { shownCount } from './compile.ts';
import { measureRows } from './render.ts';
import type { CardTruncation, CompiledCard, ListSection, TraceCard } from './types.ts';

export const DEFAULT_BUDGET_TOKENS = 512;
export const CHARS_PER_TOKEN = 4;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

/** Lowest priority first: what a reader can most easily do without. */
export const TRIM_ORDER: readonly ListSection[] = ['costByTool', 'redundancy', 'costByModel', 'failures', 'topSteps', 'subagents'];

/** The order of cuts: cut `section` down to `floor` rows before moving on to the next step. */
export const CUT_STEPS: ReadonlyArray<{ section: ListSection; floor: number }> = [
  { section: 'costByTool', floor: 1 },
  { section: 'redundancy', floor: 1 },
  { section: 'costByModel', floor: 1 },
  { section: 'failures', floor: 1 },
  { section: 'costByTool', floor: 0 },
  { section: 'redundancy', floor: 0 },
  { section: 'costByModel', floor: 0 },
  { section: 'topSteps', floor: 1 },
  { section: 'subagents', floor: 1 },
];
/** What a section's entry in the marker costs, about: `subagents: 12/20, ` (digits vary). */
const markerEntryChars = (section: ListSection) => section.length + 10;
/** The marker's own lines when it first appears (`truncated:`, budget, tokens, `rowsShown: {}`). */
const MARKER_BASE_CHARS = 66;

function withRows(card: TraceCard, section: ListSection, rows: number): TraceCard {
  switch (section) {
    case 'failures':
      return { ...card, failures: { ...card.failures, items: card.failures.items.slice(0, rows) } };
    case 'redundancy':
      return { ...card, redundancy: { ...card.redundancy, top: card.redundancy.top.slice(0, rows) } };
    default:
      return { ...card, [section]: card[section].slice(0, rows) };
  }
}

function rowsShown(card: TraceCard, compiled: CompiledCard): CardTruncation['rowsShown'] {
  return [...TRIM_ORDER]
    .reverse()
    .map((section) => ({ section, shown: shownCount(card, section), of: compiled.fullCounts[section] }))
    .filter((r) => r.shown < r.of);
}

function marked(card: TraceCard, compiled: CompiledCard, budgetTokens: number, cardTokens: number): TraceCard {
  const { truncated: _previous, ...rest } = card;
  const shown = rowsShown(card, compiled);
  return shown.length ? { ...rest, truncated: { budgetTokens, cardTokens, rowsShown: shown } } : rest;
}

export interface FittedCard {
  card: TraceCard;
  yaml: string;
  tokens: number;
}

/**
 * Renders with the marker, settling the marker's own `cardTokens` figure (it changes the size).
 * `hint` is a guess of the result's size (the previous render's): usually right, saving a render.
 */
export function renderMarked(card: TraceCard, compiled: CompiledCard, budgetTokens: number, render: (c: TraceCard) => string, hint = 0): FittedCard {
  let current = marked(card, compiled, budgetTokens, hint);
  let yaml = render(current);
  for (let i = 0; i < 4 && current.truncated && current.truncated.cardTokens !== estimateTokens(yaml); i++) {
    current = marked(card, compiled, budgetTokens, estimateTokens(yaml));
    yaml = render(current);
  }
  return { card: current, yaml, tokens: estimateTokens(yaml) };
}

/**
 * Plans the cuts from the row lengths of one render (every row is one line), so a long card
 * costs two or three renders, not one per row.
 */
function planCuts(fitted: FittedCard, budgetTokens: number): Map<ListSection, number> {
  const lengths = measureRows(fitted.yaml);
  const keep = new Map(TRIM_ORDER.map((s) => [s, lengths[s].length]));
  const inMarker = new Set(fitted.card.truncated?.rowsShown.map((r) => r.section) ?? []);
  const limit = budgetTokens * CHARS_PER_TOKEN;
  let chars = fitted.yaml.length;
  for (const { section, floor } of CUT_STEPS) {
    while (chars > limit && keep.get(section)! > floor) {
      const n = keep.get(section)! - 1;
      keep.set(section, n);
      chars -= lengths[section][n]!;
      // A section's first cut puts it in the marker (and the marker on the card, the first time).
      if (!inMarker.has(section)) {
        chars += markerEntryChars(section) + (inMarker.size === 0 ? MARKER_BASE_CHARS : 0);
        inMarker.add(section);
      }
    }
  }
  return keep;
}

/** Cuts rows until the rendered card fits `budgetTokens` (or nothing more can be cut). */
export function fitToBudget(compiled: CompiledCard, budgetTokens: number, render: (card: TraceCard) => string): FittedCard {
  let fitted = renderMarked(compiled.card, compiled, budgetTokens, render);
  if (fitted.tokens <= budgetTokens) return fitted;
  let card = compiled.card;
  for (const [section, rows] of planCuts(fitted, budgetTokens)) card = withRows(card, section, rows);
  fitted = renderMarked(card, compiled, budgetTokens, render, budgetTokens);
  // The plan only estimates the marker's size. If it cut too little, go on one row at a time...
  for (const { section, floor } of CUT_STEPS) {
    while (fitted.tokens > budgetTokens && shownCount(card, section) > floor) {
      card = withRows(card, section, shownCount(card, section) - 1);
      fitted = renderMarked(card, compiled, budgetTokens, render, fitted.tokens);
    }
  }
  // ...and if it cut too much, give rows back, undoing the steps last first, while the card still
  // fits: the result is what cutting row by row in CUT_STEPS order gives.
  for (let i = CUT_STEPS.length - 1; i >= 0; i--) {
    const { section } = CUT_STEPS[i]!;
    const before = CUT_STEPS.slice(0, i).findLast((step) => step.section === section);
    const limit = before ? before.floor : shownCount(compiled.card, section);
    while (shownCount(card, section) < limit) {
      const candidate = grow(card, compiled, section, budgetTokens, render);
      if (!candidate) return fill(card, fitted, compiled, budgetTokens, render);
      ({ card } = candidate);
      fitted = candidate.fitted;
    }
  }
  return fitted;
}

/** `card` with one more row of `section`, if the result still fits the budget. */
function grow(
  card: TraceCard,
  compiled: CompiledCard,
  section: ListSection,
  budgetTokens: number,
  render: (c: TraceCard) => string,
): { card: TraceCard; fitted: FittedCard } | null {
  const grown = withSectionFrom(card, compiled.card, section, shownCount(card, section) + 1);
  const fitted = renderMarked(grown, compiled, budgetTokens, render, budgetTokens);
  return fitted.tokens <= budgetTokens ? { card: grown, fitted } : null;
}

/**
 * Uses what room is left: a row too long for the remaining budget may leave room for a shorter one
 * of another section, most important section first.
 */
function fill(card: TraceCard, fitted: FittedCard, compiled: CompiledCard, budgetTokens: number, render: (c: TraceCard) => string): FittedCard {
  for (const section of [...TRIM_ORDER].reverse()) {
    while (shownCount(card, section) < shownCount(compiled.card, section)) {
      const candidate = grow(card, compiled, section, budgetTokens, render);
      if (!candidate) break;
      ({ card } = candidate);
      fitted = candidate.fitted;
    }
  }
  return fitted;
}

/** `card` with `section` showing the first `rows` rows of the full (compiled) card. */
function withSectionFrom(card: TraceCard, full: TraceCard, section: ListSection, rows: number): TraceCard {
  const source = withRows(full, section, rows);
  switch (section) {
    case 'failures':
      return { ...card, failures: source.failures };
    case 'redundancy':
      return { ...card, redundancy: source.redundancy };
    default:
      return { ...card, [section]: source[section] };
  }
}
