// The TraceCard says when its inclusive totals are a lower bound: spawns in the tree whose child is
// not in the graph (missing, or pending) add nothing to them. Hand-made inputs, no database.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileCard } from '../../src/tracecard/compile.ts';
import { loadTraceCardSchema, validateJson } from '../../src/tracecard/json-schema.ts';
import { renderCard } from '../../src/tracecard/render.ts';
import type { CardInput, SpawnRow } from '../../src/tracecard/types.ts';
import { sampleInput } from './tracecard-fixtures.ts';

function spawn(sessionId: string, seq: number, spawnStatus: string): SpawnRow {
  return { spanId: `${sessionId}:x${seq}`, sessionId, seq, status: 'ok', spawnStatus, label: null, task: 'lost task', childSessionId: null, resultPreview: null, argsCanonical: null };
}

function withSpawns(...extra: SpawnRow[]): CardInput {
  const input = sampleInput();
  input.spawns.push(...extra);
  return input;
}

describe('TraceCard lower-bound marker', () => {
  it('a tree whose spawns are all linked or refused has no marker, and its YAML says nothing of it', () => {
    const { card } = compileCard(sampleInput());
    expect(card.totals.inclusive.missingSubagents).toEqual({ count: 0, spawns: [] });
    expect(renderCard(card)).not.toMatch(/lowerBound|missingSubagents|missingSpawns/);
  });

  it('counts missing and pending spawns at any depth, shallowest first, beside the inclusive cost', () => {
    const { card } = compileCard(withSpawns(spawn('test:grandchild', 4, 'pending'), spawn('test:parent', 9, 'missing'), spawn('test:child-a', 6, 'refused')));
    expect(card.totals.inclusive.missingSubagents).toEqual({ count: 2, spawns: ['parent#9', 'grandchild#4'] });
    const yaml = renderCard(card);
    expect(yaml).toMatch(/^ {2}inclusive: \{costUsd: 0\.5, lowerBound: true, missingSubagents: 2, missingSpawns: \[parent#9, grandchild#4\], sessions: 4,/m);
    expect(yaml).toMatch(/^ {2}own: \{costUsd: 0\.1, sessions: 1,/m);
    expect(validateJson(parse(yaml), loadTraceCardSchema())).toEqual([]);
  });

  it('lists at most five spawn refs; the count says how many there are', () => {
    const many = Array.from({ length: 7 }, (_, i) => spawn('test:parent', 20 + i, 'missing'));
    const { card } = compileCard(withSpawns(...many));
    expect(card.totals.inclusive.missingSubagents.count).toBe(7);
    expect(card.totals.inclusive.missingSubagents.spawns).toEqual(['parent#20', 'parent#21', 'parent#22', 'parent#23', 'parent#24']);
  });

  it('the schema keeps the marker to the inclusive totals, and inclusiveTotals in step with scopeTotals', () => {
    const schema = loadTraceCardSchema();
    const card = parse(renderCard(compileCard(withSpawns(spawn('test:parent', 9, 'missing'))).card)) as { totals: { own: Record<string, unknown> } };
    const ownMarked = { ...card, totals: { ...card.totals, own: { ...card.totals.own, lowerBound: true } } };
    expect(validateJson(ownMarked, schema).join()).toMatch(/unexpected property "lowerBound"/);
    const defs = schema.$defs as Record<string, { properties: Record<string, unknown>; required: string[] }>;
    const { lowerBound, missingSubagents, missingSpawns, ...shared } = defs.inclusiveTotals!.properties;
    expect([lowerBound, missingSubagents, missingSpawns].every(Boolean)).toBe(true);
    expect(shared).toEqual(defs.scopeTotals!.properties);
    expect(defs.inclusiveTotals!.required).toEqual(defs.scopeTotals!.required);
  });
});
