// TraceCard compiler, renderer and budget on hand-made inputs (no database).
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_BUDGET_TOKENS, estimateTokens, fitContext, fitRows, fitToBudget, PREVIEW_CHARS, renderMarked, SECONDARY_CUTS } from '../../src/tracecard/budget.ts';
import { compileCard } from '../../src/tracecard/compile.ts';
import { buildTraceCard } from '../../src/tracecard/index.ts';
import { loadTraceCardSchema, validateJson } from '../../src/tracecard/json-schema.ts';
import { measureRows, renderCard } from '../../src/tracecard/render.ts';
import type { ListSection, TraceCard } from '../../src/tracecard/types.ts';
import { longTexts, sampleInput, shuffled } from './tracecard-fixtures.ts';

const BIG = 100_000;

describe('compileCard', () => {
  const { card } = compileCard(sampleInput());

  it('sums own and inclusive totals over the session tree', () => {
    expect(card.totals.own.costUsd).toBeCloseTo(0.1, 12);
    expect(card.totals.inclusive.costUsd).toBeCloseTo(0.5, 12);
    expect(card.totals.inclusive.sessions).toBe(4);
    expect(card.totals.inclusive.llmCalls).toBe(10);
    expect(card.totals.inclusive.unpricedCalls).toBe(1);
    expect(card.totals.own.tokens).toEqual({ input: 1000, output: 200, cacheRead: 5000, cacheWrite: 0, reasoning: 0 });
  });

  it('builds the header: one-line task, duration, short ref', () => {
    expect(card.session).toMatchObject({ id: 'test:parent', ref: 'parent', task: 'Review PR 75 and fix the failing tests', durationS: 600 });
  });

  it('lists every spawn with inclusive cost, depth and status, most expensive first', () => {
    expect(card.subagents.map((s) => [s.ref, s.depth, s.status])).toEqual([
      ['child-a', 1, 'linked'],
      ['grandchild', 2, 'linked'],
      ['child-b', 1, 'linked'],
      [null, 1, 'refused'],
    ]);
    const childA = card.subagents[0]!;
    expect(childA.costUsd).toBeCloseTo(0.35, 12);
    expect(childA.ownCostUsd).toBeCloseTo(0.2, 12);
    expect(childA.spawn).toBe('parent#3');
  });

  it('scores use in parent: a result the parent reused scores high, an ignored one 0, a refused spawn none', () => {
    const score = (ref: string | null) => card.subagents.find((s) => s.ref === ref)?.useScore;
    // child-a's answer has 10 new words; parser, spec, timezoneoffset, normalisedates come back later
    expect(score('child-a')).toBe(0.4);
    expect(score('child-b')).toBe(0);
    expect(score(null)).toBeNull();
  });

  it('groups a chain of repeats (each pointing at the one before) under its first call', () => {
    const input = sampleInput();
    const poll = (n: number) => ({
      ...input.repeats[0]!,
      dupId: `test:child-a:p${n}`, dupSeq: 10 + n, originalId: `test:child-a:p${n - 1}`, originalSeq: 10 + n - 1,
      kind: 'poll_loop', toolName: 'process', resource: 'process:build-1/poll', wastedUsd: 0.02,
    });
    const { card: polled } = compileCard({ ...input, repeats: [...input.repeats, poll(3), poll(1), poll(2)] });
    expect(polled.redundancy.findings).toBe(4);
    const loop = polled.redundancy.top.find((f) => f.kind === 'poll_loop');
    expect(loop).toMatchObject({ tool: 'process', original: 'child-a#10', repeats: 3 });
    expect(loop!.wastedUsd).toBeCloseTo(0.06, 10);
    expect(polled.redundancy.top).toHaveLength(2);
  });

  it('groups failures that differ only in numbers, with retry outcomes and session recovery', () => {
    expect(card.failures.sessionRecovered).toBe(true);
    expect(card.failures.items[0]).toEqual({
      kind: 'TOOL', tool: 'exec', model: null, error: 'exit code 1', count: 2, first: 'parent#4', retried: 1, recovered: 1,
    });
    expect(card.failures.items[1]).toMatchObject({ kind: 'LLM', model: 'gpt-x', error: 'rate limited', retried: 1, recovered: 0 });
  });

  it('reports REPEATS findings and flags the steps they touch', () => {
    expect(card.redundancy.findings).toBe(1);
    expect(card.redundancy.top[0]).toMatchObject({ kind: 'exact_duplicate', tool: 'read', target: '/repo/a.ts', original: 'child-a#1', repeats: 1 });
    const flags = Object.fromEntries(card.topSteps.map((s) => [s.ref, s.flags]));
    expect(flags['child-a#4']).toEqual(['redundant', 'subagent']);
    expect(flags['parent#1']).toEqual(['error']);
  });

  it('puts price versions and unpriced usage in the provenance', () => {
    expect(card.provenance.priceVersions).toEqual(['genai-prices@0.1.8']);
    expect(card.provenance.unpriced).toEqual({ calls: 1, tokens: 77 });
    expect(card.provenance.heuristic).toContain('subagents.useScore');
    expect(card.provenance.notes[0]).toMatch(/1 LLM calls have no known price/);
  });

  it('shows an open session as open: no end, duration up to its last span', () => {
    const input = sampleInput();
    Object.assign(input.tree[0]!, { status: 'open', endedAt: null });
    input.tree[0]!.stats.lastSpanAt = '2026-01-01T00:05:00.000Z';
    const { session } = compileCard(input).card;
    expect(session).toMatchObject({ status: 'open', endedAt: null, durationS: 300 });
    expect(renderCard(compileCard(input).card)).not.toMatch(/endedAt/);
  });

  it('caps list sections at maxRows and remembers the full counts', () => {
    const compiled = compileCard(sampleInput(), { maxRows: 2 });
    expect(compiled.card.subagents).toHaveLength(2);
    expect(compiled.fullCounts.subagents).toBe(4);
  });
});

describe('renderCard', () => {
  it('is deterministic: same rows in any order give the same bytes', () => {
    const a = buildTraceCard(sampleInput(), { budgetTokens: BIG }).yaml;
    const b = buildTraceCard(shuffled(sampleInput()), { budgetTokens: BIG }).yaml;
    expect(b).toBe(a);
    expect(buildTraceCard(sampleInput(), { budgetTokens: BIG }).yaml).toBe(a);
  });

  it('rounds money to 4 decimals only at presentation and never prints -0', () => {
    const input = sampleInput();
    input.tree[0]!.stats.costUsd = 0.123456789;
    input.byTool[0]!.costUsd = -1e-12;
    const { card } = compileCard(input);
    expect(card.totals.own.costUsd).toBe(0.123456789);
    const yaml = renderCard(card);
    expect(yaml).toMatch(/own: \{costUsd: 0\.1235,/);
    expect(yaml).not.toMatch(/-0\b/);
  });

  it('leaves out unknown fields, renders one row per line, and validates against the schema', () => {
    const yaml = renderCard(compileCard(sampleInput()).card);
    expect(yaml).not.toMatch(/: null/);
    expect(yaml).toMatch(/^ {2}- \{ref: child-a, label: fix-tests, spawn: parent#3, depth: 1, status: linked, costUsd: 0\.35, ownCostUsd: 0\.2,/m);
    expect(measureRows(yaml).subagents).toHaveLength(4);
    expect(validateJson(parse(yaml), loadTraceCardSchema())).toEqual([]);
  });

  it('the schema check catches broken cards', () => {
    const card = parse(renderCard(compileCard(sampleInput()).card)) as Record<string, unknown>;
    const schema = loadTraceCardSchema();
    expect(validateJson({ ...card, totals: undefined }, schema).join()).toMatch(/totals/);
    expect(validateJson({ ...card, extra: 1 }, schema).join()).toMatch(/unexpected property "extra"/);
    const steps = card.topSteps as Array<Record<string, unknown>>;
    expect(validateJson({ ...card, topSteps: [{ ...steps[0], share: 1.5 }] }, schema).join()).toMatch(/maximum/);
  });
});

describe('token budget', () => {
  it('estimates tokens as characters / 4, rounded up', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abcde')).toBe(2);
  });

  it('leaves a card that fits alone, with no truncation marker', () => {
    const fitted = buildTraceCard(sampleInput(), { budgetTokens: BIG });
    expect(fitted.card.truncated).toBeUndefined();
    expect(fitted.yaml).not.toMatch(/truncated/);
    expect(fitted.tokens).toBe(estimateTokens(fitted.yaml));
  });

  it('cuts lower-priority rows first and says what it cut', () => {
    const full = buildTraceCard(sampleInput(), { budgetTokens: BIG });
    const budget = full.tokens - 40;
    const fitted = buildTraceCard(sampleInput(), { budgetTokens: budget });
    expect(fitted.tokens).toBeLessThanOrEqual(budget);
    const cut = fitted.card.truncated!.rowsShown;
    expect(cut.find((r) => r.section === 'costByTool')?.shown).toBeLessThan(2);
    expect(cut.map((r) => r.section)).not.toContain('subagents');
    expect(fitted.card.subagents).toHaveLength(4);
    expect(fitted.yaml).toMatch(/rowsShown: \{.*costByTool: [01]\/2\}/);
    expect(fitted.card.truncated?.cardTokens).toBe(fitted.tokens);
    expect(validateJson(parse(fitted.yaml), loadTraceCardSchema())).toEqual([]);
  });

  it('under a tiny budget keeps one row of sub-agents and failures, compacts, and says it is over budget', () => {
    const fitted = buildTraceCard(sampleInput(), { budgetTokens: 10 });
    expect(fitted.card.subagents).toHaveLength(1);
    expect(fitted.card.failures.items).toHaveLength(1);
    expect(fitted.card.topSteps).toHaveLength(0);
    expect(fitted.card.costByTool).toHaveLength(0);
    expect(fitted.card.truncated).toMatchObject({ budgetTokens: 10, overBudget: true, compacted: ['details'] });
    expect(fitted.card.truncated!.cardTokens).toBe(fitted.tokens);
    expect(fitted.tokens).toBeGreaterThan(10);
    // Most important section first (budget.ts TRIM_ORDER reversed): the actionable rows lead.
    expect(fitted.card.truncated!.rowsShown.map((r) => r.section)).toEqual(['topSteps', 'redundancy', 'subagents', 'failures', 'costByModel', 'costByTool']);
    // Sections cut to nothing are left out, and the YAML says how many rows went in their place.
    expect(fitted.yaml).not.toMatch(/^(topSteps|costByModel|costByTool): \[\]$/m);
    expect(fitted.yaml).toMatch(/^# costByModel: 2 rows cut$/m);
    expect(fitted.yaml).toMatch(/^ {2}# redundancy\.top: \d+ rows? cut$/m);
    expect(fitted.yaml).toMatch(/^truncated:\n {2}budgetTokens: 10\n {2}cardTokens: \d+\n {2}overBudget: true\n/m);
    // Totals are never cut nor rounded differently.
    expect(fitted.card.totals).toEqual(compileCard(sampleInput()).card.totals);
    expect(validateJson(parse(fitted.yaml), loadTraceCardSchema())).toEqual([]);
  });

  it('is a cap under a small explicit budget: the card and its marker fit, sub-agents and failures stay', () => {
    const input = longTexts(sampleInput());
    const full = buildTraceCard(input, { budgetTokens: BIG });
    const minimal = buildTraceCard(input, { budgetTokens: 1 });
    expect(minimal.card.truncated!.overBudget).toBe(true);
    // Budgets from the minimal card's size up to the full card's: the result fits.
    for (let budget = minimal.tokens; budget <= full.tokens + 6; budget += 6) {
      const fitted = buildTraceCard(input, { budgetTokens: budget });
      expect(fitted.tokens, `budget ${budget}`).toBeLessThanOrEqual(budget);
      expect(estimateTokens(fitted.yaml)).toBe(fitted.tokens);
      expect(fitted.card.subagents.length, `budget ${budget}`).toBeGreaterThan(0);
      expect(fitted.card.failures.items.length, `budget ${budget}`).toBeGreaterThan(0);
      if (fitted.card.truncated) {
        expect(fitted.card.truncated.cardTokens).toBe(fitted.tokens);
        expect(fitted.card.truncated.overBudget).toBe(false);
        expect(fitted.yaml).toMatch(/^truncated:\n {2}budgetTokens: \d+\n {2}cardTokens: \d+\n {2}rowsShown: /m);
      } else {
        expect(fitted.yaml).toBe(full.yaml);
      }
    }
    // A budget just over the minimal card: the marker tells the cut rows and the compactions.
    const budget = minimal.tokens + 5;
    const fitted = buildTraceCard(input, { budgetTokens: budget });
    expect(fitted.tokens).toBeLessThanOrEqual(budget);
    expect(fitted.card.truncated!.compacted.length).toBeGreaterThan(0);
    expect(fitted.yaml).toMatch(new RegExp(`^truncated:\\n {2}budgetTokens: ${budget}\\n {2}cardTokens: ${fitted.tokens}\\n {2}rowsShown: \\{.+\\}\\n {2}compacted: \\[details`, 'm'));
    expect(validateJson(parse(fitted.yaml), loadTraceCardSchema())).toEqual([]);
  }, 30_000);

  // The order changed on purpose (issue 16): secondary figures (cost by tool and model, token
  // breakdowns) go before the rows a reader acts on (top steps, redundancy rows), so `details` now
  // comes before `previews`, and both before any top step or redundancy row is cut.
  it('compacts in order as the budget shrinks: details, then previews, then actionable rows, then the last top step', () => {
    const input = longTexts(sampleInput());
    const compiled = compileCard(input).card;
    const full = buildTraceCard(input, { budgetTokens: BIG });
    const stageOf = (f: ReturnType<typeof buildTraceCard>) => (f.card.topSteps.length === 0 ? 3 : (f.card.truncated?.compacted.length ?? 0));
    const firstAt = new Map<number, ReturnType<typeof buildTraceCard>>();
    let last = 0;
    let lastUncompacted: ReturnType<typeof buildTraceCard> | undefined;
    // Every fourth budget: each stage holds for a range of a dozen budgets or more on this input.
    for (let budget = full.tokens; budget >= 1; budget -= 4) {
      const fitted = buildTraceCard(input, { budgetTokens: budget });
      const stage = stageOf(fitted);
      expect(stage, `budget ${budget}`).toBeGreaterThanOrEqual(last);
      last = stage;
      if (!firstAt.has(stage)) firstAt.set(stage, fitted);
      if (stage === 0) lastUncompacted = fitted;
      if (fitted.card.truncated?.overBudget) break;
    }
    expect([...firstAt.keys()]).toEqual([0, 1, 2, 3]);
    // Secondary rows go before any compaction; the actionable ones are still whole then.
    const { card } = lastUncompacted!;
    expect([card.topSteps, card.subagents, card.failures.items, card.redundancy.top].map((rows) => rows.length)).toEqual([
      compiled.topSteps.length,
      compiled.subagents.length,
      1,
      compiled.redundancy.top.length,
    ]);
    // (A short cost-by-tool row may come back into room the cuts left: at most one.)
    expect(card.costByModel.length + card.costByTool.length).toBeLessThanOrEqual(1);
    const details = firstAt.get(1)!;
    expect(details.card.truncated!.compacted).toEqual(['details']);
    expect(details.yaml).not.toMatch(/tokens: \{in: |wastedTokens|wastedMs/);
    expect(details.yaml).toMatch(/^ {4}- \{kind: exact_duplicate, count: 1, wastedUsd: 0\.01\}$/m);
    expect(details.card.session.task!.length).toBeGreaterThan(PREVIEW_CHARS.task);
    expect(details.card.topSteps).toHaveLength(compiled.topSteps.length);
    const previews = firstAt.get(2)!;
    expect(previews.card.truncated!.compacted).toEqual(['details', 'previews']);
    expect(previews.card.session.task!.length).toBeLessThanOrEqual(PREVIEW_CHARS.task);
    expect(previews.card.failures.items[0]!.error.length).toBeLessThanOrEqual(PREVIEW_CHARS.error);
    expect(previews.card.subagents[0]!.label!.length).toBeLessThanOrEqual(PREVIEW_CHARS.label);
    expect(previews.card.topSteps.length).toBeGreaterThan(0);
    for (const f of firstAt.values()) {
      expect(f.card.totals).toEqual(compileCard(input).card.totals);
      expect(validateJson(parse(f.yaml), loadTraceCardSchema())).toEqual([]);
    }
  }, 30_000);

  it('says so when even the minimal card cannot fit the default budget (pathological input)', () => {
    const input = sampleInput();
    // A session id no budget cut can shorten.
    const id = `test:${'x'.repeat(3000)}`;
    input.sessionId = id;
    input.tree[0]!.id = id;
    for (const rows of [input.spawns, input.failures, input.activity]) for (const r of rows) if (r.sessionId === 'test:parent') r.sessionId = id;
    for (const s of input.tree) if (s.parentSessionId === 'test:parent') s.parentSessionId = id;
    for (const s of input.topSteps) if (s.sessionId === 'test:parent') s.sessionId = id;
    const fitted = buildTraceCard(input);
    expect(fitted.tokens).toBeGreaterThan(DEFAULT_BUDGET_TOKENS);
    expect(fitted.card.truncated).toMatchObject({ budgetTokens: DEFAULT_BUDGET_TOKENS, cardTokens: fitted.tokens, overBudget: true });
    expect(fitted.yaml).toMatch(/^truncated:\n {2}budgetTokens: 512\n {2}cardTokens: \d+\n {2}overBudget: true\n/m);
    expect(fitted.card.subagents.length).toBeGreaterThan(0);
    expect(fitted.card.failures.items.length).toBeGreaterThan(0);
    expect(validateJson(parse(fitted.yaml), loadTraceCardSchema())).toEqual([]);
    // A card with nothing to cut at all is marked too.
    const bare = sampleInput();
    Object.assign(bare, { spawns: [], failures: [], repeats: [], byModel: [], byTool: [], topSteps: [], activity: [] });
    const tiny = buildTraceCard(bare, { budgetTokens: 50 });
    expect(tiny.card.truncated).toEqual({ budgetTokens: 50, cardTokens: tiny.tokens, overBudget: true, rowsShown: [], compacted: [] });
    expect(validateJson(parse(tiny.yaml), loadTraceCardSchema())).toEqual([]);
  });

  // Before any compaction only the secondary rows are cut (SECONDARY_CUTS; issue 16 moved the
  // actionable rows after the compactions): the reference cuts those alone.
  it('keeps at least what cutting row by row in SECONDARY_CUTS order keeps, fits, and leaves no room unused', () => {
    const compiled = compileCard(sampleInput());
    const fit = (budget: number) => fitContext(compiled, budget, renderCard);
    const rowsOf = (card: TraceCard, section: ListSection) =>
      section === 'failures' ? card.failures.items : section === 'redundancy' ? card.redundancy.top : card[section];
    const withCount = (card: TraceCard, section: ListSection, n: number): TraceCard => {
      const rows = rowsOf(compiled.card, section).slice(0, n);
      if (section === 'failures') return { ...card, failures: { ...card.failures, items: rows as TraceCard['failures']['items'] } };
      if (section === 'redundancy') return { ...card, redundancy: { ...card.redundancy, top: rows as TraceCard['redundancy']['top'] } };
      return { ...card, [section]: rows };
    };
    const sections = ['topSteps', 'subagents', 'failures', 'redundancy', 'costByModel', 'costByTool'] as const;
    for (let budget = 40; budget <= 700; budget += 30) {
      const size = (c: TraceCard) => renderMarked(c, fit(budget)).tokens;
      // Reference: one row at a time, one full render each (what the planner avoids).
      let reference = compiled.card;
      for (const { section, floor } of SECONDARY_CUTS) {
        while (size(reference) > budget && rowsOf(reference, section).length > floor) {
          reference = withCount(reference, section, rowsOf(reference, section).length - 1);
        }
      }
      const fitted = fitToBudget(compiled, budget, renderCard);
      expect(buildTraceCard(shuffled(sampleInput()), { budgetTokens: budget }).yaml).toBe(fitted.yaml);
      // Over budget only when it does not fit, and then it says so.
      expect(fitted.card.truncated?.overBudget ?? false, `budget ${budget}`).toBe(fitted.tokens > budget);
      expect(fitted.yaml.includes('overBudget: true'), `budget ${budget}`).toBe(fitted.tokens > budget);
      // Cutting rows alone does not fit: the card is compacted (covered above).
      if (size(reference) > budget) continue;
      expect(fitted.tokens, `budget ${budget}`).toBeLessThanOrEqual(budget);
      expect(fitted.card.truncated?.compacted ?? [], `budget ${budget}`).toEqual([]);
      expect(fitRows(fit(budget)).yaml).toBe(fitted.yaml);
      for (const section of sections) {
        const kept = rowsOf(fitted.card, section).length;
        expect(kept, `${section} at budget ${budget}`).toBeGreaterThanOrEqual(rowsOf(reference, section).length);
        // Nothing left unused: one more row of any cut section would not fit.
        if (kept < rowsOf(compiled.card, section).length) {
          expect(size(withCount(fitted.card, section, kept + 1)), `${section} at budget ${budget}`).toBeGreaterThan(budget);
        }
      }
    }
  }, 30_000);

  it('prints amounts under a cent with 3 significant digits instead of rounding them to 0', () => {
    const input = sampleInput();
    input.byModel[0]!.costUsd = 0.000162345;
    const yaml = renderCard(compileCard(input).card);
    expect(yaml).toMatch(/model: gpt-x, calls: 8, costUsd: 0\.000162,/);
  });
});
