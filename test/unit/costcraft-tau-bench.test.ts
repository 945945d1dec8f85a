// The τ-bench adapter on the real trajectory file: sessions per task × trial, LLM spans per
// assistant message, TOOL spans per call, outcomes from rewards with oracle mismatches.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTauBench } from '../../src/sources/tau-bench/index.ts';
import { compareWithGold } from '../../src/sources/tau-bench/oracle.ts';
import { corpus } from '../helpers/corpora.ts';

const file = corpus('tau-bench', 'gpt-4o-airline.json');
const text = fs.readFileSync(file, 'utf8');
const batch = parseTauBench({ path: file, text });

describe('τ-bench adapter', () => {
  it('makes one session per task × trial, LLM spans per assistant message, TOOL spans per call', () => {
    expect(batch.rejections).toEqual([]);
    expect(batch.sessions).toHaveLength(200);
    expect(batch.sessions[0]).toMatchObject({ id: 'tau:0:0', skill: 'tau-airline', role: 'main' });
    expect(batch.sessions[0]!.task).toMatch(/^You are mia_li_3668/);
    expect(batch.spans.filter((s) => s.kind === 'LLM')).toHaveLength(2454);
    expect(batch.spans.filter((s) => s.kind === 'TOOL')).toHaveLength(1164);
  });

  it('pairs every tool call with its answer although call ids repeat within a trajectory', () => {
    const tools = batch.spans.filter((s) => s.kind === 'TOOL');
    expect(tools.every((s) => typeof s.result === 'string')).toBe(true);
    const search = batch.spans.find((s) => s.id === 'tau:0:0:m12:c0');
    expect(search).toMatchObject({ toolName: 'search_onestop_flight', parentId: 'tau:0:0:m12' });
    expect(String(search!.result)).toMatch(/^\[\[/);
    expect(tools.filter((s) => s.status === 'error').length).toBeGreaterThan(50);
  });

  it('leaves usage null without a tokenizer (unpriced), and estimates it with one', () => {
    expect(batch.spans.filter((s) => s.kind === 'LLM').every((s) => s.usage === null)).toBe(true);
    const counted = parseTauBench({ path: file, text }, { countTokens: (t) => t.length });
    const llm = counted.spans.find((s) => s.kind === 'LLM')!;
    expect(llm.usage?.input).toBeGreaterThan(1000);
    expect(llm.attributes).toMatchObject({ usageEstimated: true });
  });

  it('turns rewards into outcomes with the mismatches against the gold actions', () => {
    expect(batch.outcomes.filter((o) => o.outcome === 'success')).toHaveLength(84);
    const first = batch.outcomes.find((o) => o.sessionId === 'tau:0:0')!;
    expect(first).toMatchObject({ outcome: 'failure', score: 0, oracle: 'tau-bench reward', failingSpanIds: ['tau:0:0:m28:c0'] });
    expect(first.mismatches).toEqual([
      expect.objectContaining({ kind: 'args_differ', tool: 'book_reservation', fields: ['nonfree_baggages', 'payment_methods'], spanId: 'tau:0:0:m28:c0' }),
    ]);
    expect(batch.outcomes.filter((o) => o.outcome === 'success').every((o) => o.mismatches.length === 0)).toBe(true);
  });

  it('rejects a malformed trial with its location and keeps the rest', () => {
    const trials = JSON.parse(text) as unknown[];
    const broken = parseTauBench({ path: 'x.json', text: JSON.stringify([{ task_id: 'zero' }, trials[0]]) });
    expect(broken.sessions).toHaveLength(1);
    expect(broken.rejections[0]?.location).toBe('x.json[0]');
    expect(parseTauBench({ path: 'y.json', text: '{' }).rejections[0]?.reason).toMatch(/not JSON/);
  });
});

describe('compareWithGold', () => {
  it('finds missing, differing and unexpected state changes, ignoring reads and failed calls', () => {
    const gold = [
      { name: 'get_user_details', kwargs: { user_id: 'u' } },
      { name: 'cancel_reservation', kwargs: { reservation_id: 'A' } },
      { name: 'book_reservation', kwargs: { amount: 5 } },
    ];
    const calls = [
      { spanId: '1', name: 'book_reservation', args: { amount: 55 }, failed: false },
      { spanId: '2', name: 'cancel_reservation', args: { reservation_id: 'B' }, failed: true },
      { spanId: '3', name: 'send_certificate', args: { amount: 100 }, failed: false },
    ];
    expect(compareWithGold(gold, calls, ['42'], 'The answer is 41').map((m) => [m.kind, m.tool, m.spanId])).toEqual([
      ['missing_action', 'cancel_reservation', null],
      ['args_differ', 'book_reservation', '1'],
      ['unexpected_action', 'send_certificate', '3'],
      ['missing_output', null, null],
    ]);
  });
});
