// The card's token budget. Tokens are estimated as characters / 4 (rounded up): the usual rule of
// thumb for English and YAML under BPE tokenisers, stable, and free of any tokeniser dependency.
// The default, 512 tokens ≈ 2 KiB of YAML, holds a typical single session in full; a large tree
// is cut down to its most useful content. The budget is a cap: the card, its `truncated` marker
// included, is never over it unless even the minimal card below is (then the marker says so).
//
// What goes first when a card is over budget, least useful first (each step only while the card is
// still over budget; list sections are sorted most important row first, so rows go from the end).
// The rows a reader acts on — the top steps (where the money went) and the redundancy rows (what
// to stop doing) — go last, after every secondary figure:
//   1. secondary rows: costByTool (an attribution, not a measurement) and costByModel down to one
//      row, costByTool to none, failures down to one (the most frequent stays), costByModel to
//      none (the totals still give the gist);
//   2. `details`: secondary figures left out of the YAML: a top step's token breakdown (its cost
//      and share stay), wasted tokens and ms per redundancy kind (wasted $ and counts stay);
//   3. `previews`: free text clipped shorter (PREVIEW_CHARS): failure messages, sub-agent labels,
//      redundancy targets, the session's task (the refs on the card lead to the full text);
//   4. actionable rows, evenly: sub-agents, redundancy rows and top steps down to three each, then
//      to one each, then the last redundancy row;
//   5. the last top step.
// Never cut: the header, the totals (exact, as compiled), the redundancy summary, the provenance,
// and the first row of sub-agents and failures: a card keeps its sub-agent and failure sections
// non-empty where the tree has sub-agents or errors. If that minimal card is still over budget, the
// marker says `overBudget: true` (and `cardTokens` shows by how much). A section cut to no rows is
// left out of the card, and the YAML says in its place how many rows were cut (render.ts): an empty
// list would read as "none".
//
// Row cuts are CUT_STEPS (SECONDARY_CUTS, then ACTIONABLE_CUTS); compactions are STAGES, each
// starting from the full card again, so rows cut under an earlier stage come back when a compaction
// makes room for them. Within a stage, room a long row could not use is then filled with shorter
// rows, most important section first. The `truncated` marker says which sections show fewer rows
// than there were (rows held back by the compile-time row cap included) and which compactions were
// applied.
import { shownCount } from './compile.ts';
import { measureRows } from './render.ts';
import { clip } from './text.ts';
import type { CardTruncation, Compaction, CompiledCard, ListSection, TraceCard } from './types.ts';

export const DEFAULT_BUDGET_TOKENS = 512;
export const CHARS_PER_TOKEN = 4;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

/** Lowest priority first: what a reader can most easily do without. */
export const TRIM_ORDER: readonly ListSection[] = ['costByTool', 'costByModel', 'failures', 'subagents', 'redundancy', 'topSteps'];

export interface CutStep {
  section: ListSection;
  floor: number;
}

/** Cuts of secondary rows: tried before any compaction. */
export const SECONDARY_CUTS: readonly CutStep[] = [
  { section: 'costByTool', floor: 1 },
  { section: 'costByModel', floor: 1 },
  { section: 'costByTool', floor: 0 },
  { section: 'failures', floor: 1 },
  { section: 'costByModel', floor: 0 },
];

/** Cuts of the rows a reader acts on: only once every secondary figure is gone or compacted. */
export const ACTIONABLE_CUTS: readonly CutStep[] = [
  { section: 'subagents', floor: 3 },
  { section: 'redundancy', floor: 3 },
  { section: 'topSteps', floor: 3 },
  { section: 'subagents', floor: 1 },
  { section: 'redundancy', floor: 1 },
  { section: 'topSteps', floor: 1 },
  { section: 'redundancy', floor: 0 },
];

const ACTIONABLE: ReadonlySet<ListSection> = new Set(ACTIONABLE_CUTS.map((step) => step.section));

/** The order of row cuts: cut `section` down to `floor` rows before moving on to the next step. */
export const CUT_STEPS: readonly CutStep[] = [...SECONDARY_CUTS, ...ACTIONABLE_CUTS];

/** Free-text caps under the `previews` compaction (the compiler's own caps are 100, 60, 72, 60). */
export const PREVIEW_CHARS = { task: 60, label: 32, error: 40, target: 32 } as const;

/**
 * What each stage may do, tried in order until the card fits: the compactions applied to the whole
 * card, then the row cuts. The last stage is the minimal card.
 */
export const STAGES: ReadonlyArray<{ compacted: readonly Compaction[]; steps: readonly CutStep[] }> = [
  { compacted: [], steps: SECONDARY_CUTS },
  { compacted: ['details'], steps: SECONDARY_CUTS },
  { compacted: ['details', 'previews'], steps: SECONDARY_CUTS },
  { compacted: ['details', 'previews'], steps: CUT_STEPS },
  { compacted: ['details', 'previews'], steps: [...CUT_STEPS, { section: 'topSteps', floor: 0 }] },
];

/** What a section's entry in the marker costs, about: `subagents: 12/20, ` (digits vary). */
const markerEntryChars = (section: ListSection) => section.length + 10;
/** The marker's own lines when it first appears (`truncated:`, budget, tokens, `rowsShown: {}`). */
const MARKER_BASE_CHARS = 66;

/** One stage of fitting: the card (compacted for the stage) and how rows may be cut. */
export interface FitContext {
  /** The compiled card with the stage's compactions applied (full counts unchanged). */
  compiled: CompiledCard;
  budgetTokens: number;
  render: (card: TraceCard) => string;
  steps: readonly CutStep[];
  /** The compactions that changed the card: what the marker lists. */
  compacted: Compaction[];
}

/** The stage context for `compiled` as is: no compaction, the secondary row cuts (STAGES[0]). */
export function fitContext(compiled: CompiledCard, budgetTokens: number, render: (card: TraceCard) => string, stage = STAGES[0]!): FitContext {
  let card = compiled.card;
  const compacted: Compaction[] = [];
  for (const compaction of stage.compacted) {
    if (compaction === 'previews') {
      const shorter = withPreviews(card);
      if (JSON.stringify(shorter) === JSON.stringify(card)) continue;
      card = shorter;
    } else if (!card.topSteps.length && !card.redundancy.byKind.length) {
      continue; // `details`: nothing on this card it would leave out
    }
    compacted.push(compaction);
  }
  return { compiled: { ...compiled, card }, budgetTokens, render, steps: stage.steps, compacted };
}

/** `previews`: every free text on the card clipped to PREVIEW_CHARS. */
function withPreviews(card: TraceCard): TraceCard {
  return {
    ...card,
    session: { ...card.session, task: clip(card.session.task, PREVIEW_CHARS.task) },
    subagents: card.subagents.map((s) => ({ ...s, label: clip(s.label, PREVIEW_CHARS.label) })),
    failures: { ...card.failures, items: card.failures.items.map((f) => ({ ...f, error: clip(f.error, PREVIEW_CHARS.error) ?? f.error })) },
    redundancy: { ...card.redundancy, top: card.redundancy.top.map((f) => ({ ...f, target: clip(f.target, PREVIEW_CHARS.target) })) },
  };
}

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

function marked(card: TraceCard, fit: FitContext, cardTokens: number): TraceCard {
  const { truncated: _previous, ...rest } = card;
  const shown = rowsShown(card, fit.compiled);
  const overBudget = cardTokens > fit.budgetTokens;
  if (!shown.length && !fit.compacted.length && !overBudget) return rest;
  return { ...rest, truncated: { budgetTokens: fit.budgetTokens, cardTokens, overBudget, rowsShown: shown, compacted: [...fit.compacted] } };
}

export interface FittedCard {
  card: TraceCard;
  yaml: string;
  tokens: number;
}

/**
 * Renders with the marker, settling the marker's own `cardTokens` figure and `overBudget` flag
 * (they change the size). `hint` is a guess of the result's size (the previous render's): usually
 * right, saving a render. A guess over the budget is taken as the budget, so a card that fits
 * without the `overBudget` line is never marked over budget.
 */
export function renderMarked(card: TraceCard, fit: FitContext, hint = 0): FittedCard {
  let current = marked(card, fit, Math.min(hint, fit.budgetTokens));
  let yaml = fit.render(current);
  for (let i = 0; i < 4; i++) {
    const tokens = estimateTokens(yaml);
    if (current.truncated ? current.truncated.cardTokens === tokens : tokens <= fit.budgetTokens) break;
    current = marked(card, fit, tokens);
    yaml = fit.render(current);
  }
  return { card: current, yaml, tokens: estimateTokens(yaml) };
}

/**
 * Plans the cuts from the row lengths of one render (every row is one line), so a long card
 * costs two or three renders, not one per row.
 */
function planCuts(fitted: FittedCard, fit: FitContext): Map<ListSection, number> {
  const lengths = measureRows(fitted.yaml);
  const keep = new Map(TRIM_ORDER.map((s) => [s, lengths[s].length]));
  const inMarker = new Set(fitted.card.truncated?.rowsShown.map((r) => r.section) ?? []);
  let hasMarker = inMarker.size > 0 || fit.compacted.length > 0;
  const limit = fit.budgetTokens * CHARS_PER_TOKEN;
  let chars = fitted.yaml.length;
  for (const { section, floor } of fit.steps) {
    while (chars > limit && keep.get(section)! > floor) {
      const n = keep.get(section)! - 1;
      keep.set(section, n);
      chars -= lengths[section][n]!;
      // A section's first cut puts it in the marker (and the marker on the card, the first time).
      if (!inMarker.has(section)) {
        chars += markerEntryChars(section) + (hasMarker ? 0 : MARKER_BASE_CHARS);
        inMarker.add(section);
        hasMarker = true;
      }
    }
  }
  return keep;
}

/**
 * Fits the card to `budgetTokens`, stage by stage (STAGES), stopping at the first that fits. Under
 * the last stage a card may still be over budget: it is marked `overBudget`.
 */
export function fitToBudget(compiled: CompiledCard, budgetTokens: number, render: (card: TraceCard) => string): FittedCard {
  let fitted: FittedCard | undefined;
  let previous = '';
  for (const stage of STAGES) {
    const fit = fitContext(compiled, budgetTokens, render, stage);
    // A stage whose compactions change nothing on this card would give the previous result again.
    const key = JSON.stringify([fit.compacted, fit.steps]);
    if (key === previous) continue;
    previous = key;
    fitted = fitRows(fit);
    if (fitted.tokens <= budgetTokens) return fitted;
  }
  return fitted!;
}

/** Cuts rows (in `fit.steps` order) until the rendered card fits (or nothing more can be cut). */
export function fitRows(fit: FitContext): FittedCard {
  const { compiled, budgetTokens } = fit;
  let fitted = renderMarked(compiled.card, fit);
  if (fitted.tokens <= budgetTokens) return fitted;
  let card = compiled.card;
  for (const [section, rows] of planCuts(fitted, fit)) card = withRows(card, section, rows);
  fitted = renderMarked(card, fit, budgetTokens);
  // The plan only estimates the marker's size. If it cut too little, go on one row at a time...
  for (const { section, floor } of fit.steps) {
    while (fitted.tokens > budgetTokens && shownCount(card, section) > floor) {
      card = withRows(card, section, shownCount(card, section) - 1);
      fitted = renderMarked(card, fit, fitted.tokens);
    }
  }
  // ...and if it cut too much, give rows back, undoing the steps last first, while the card still
  // fits: the result is what cutting row by row in the steps' order gives.
  for (let i = fit.steps.length - 1; i >= 0; i--) {
    const { section } = fit.steps[i]!;
    const before = fit.steps.slice(0, i).findLast((step) => step.section === section);
    // Never more than the section has: an earlier step's floor above its row count (floor 1, a card
    // with no row in that section) would otherwise ask grow() forever for a row that does not exist.
    const full = shownCount(compiled.card, section);
    const limit = Math.min(before ? before.floor : full, full);
    while (shownCount(card, section) < limit) {
      const candidate = grow(card, fit, section);
      if (!candidate) return fill(card, fitted, fit);
      ({ card } = candidate);
      fitted = candidate.fitted;
    }
  }
  return fitted;
}

/** `card` with one more row of `section`, if the result still fits the budget. */
function grow(card: TraceCard, fit: FitContext, section: ListSection): { card: TraceCard; fitted: FittedCard } | null {
  const grown = withSectionFrom(card, fit.compiled.card, section, shownCount(card, section) + 1);
  const fitted = renderMarked(grown, fit, fit.budgetTokens);
  return fitted.tokens <= fit.budgetTokens ? { card: grown, fitted } : null;
}

/**
 * Uses what room is left: a row too long for the remaining budget may leave room for a shorter one
 * of another section, most important section first (secondary sections only once the actionable
 * ones are whole).
 */
function fill(card: TraceCard, fitted: FittedCard, fit: FitContext): FittedCard {
  if (fitted.tokens > fit.budgetTokens) return fitted;
  const full = (section: ListSection) => shownCount(fit.compiled.card, section);
  for (const section of [...TRIM_ORDER].reverse()) {
    // A secondary row never takes room while an actionable section is short of rows.
    if (!ACTIONABLE.has(section) && [...ACTIONABLE].some((s) => shownCount(card, s) < full(s))) break;
    while (shownCount(card, section) < shownCount(fit.compiled.card, section)) {
      const candidate = grow(card, fit, section);
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
