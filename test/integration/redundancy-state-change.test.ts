// The state-change rule of the redundancy queries (DESIGN §7) is evaluated through an index built
// once per tree (last change before each position, changes by resource, binary search) rather
// than by scanning every change for every repeat. This property test checks the index against the
// rule's plain definition, a scan, on random timelines of many seeds: nested, relative and
// prefix-sharing paths, shell commands, unknown resources, failed writes, model calls, and one
// resource changed hundreds of times (deep binary searches).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Graph } from '../../src/graph/driver.ts';
import { int } from '../../src/graph/driver.ts';
import { seeded } from '../helpers/malformed.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';

interface TimelineSpan {
  id: string;
  kind: 'TOOL' | 'LLM';
  effect: string;
  status: 'ok' | 'error';
  resource: string | null;
}

const RESOURCES = [
  '/repo',
  '/repo/src',
  '/repo/src/a.ts',
  '/repo/src/ab.ts',
  '/repo/srcx/a.ts',
  'src/a.ts',
  'a.ts',
  'https://api.example.com/v1/items',
  'proc:42',
  'cd /repo && git status',
  'npm test',
  null,
];
const HOT = '/repo/src/a.ts';
const EFFECTS = ['read', 'write', 'exec', 'check', 'search', 'other'];

/** The rule as DESIGN §7 states it: does a change of `changed` alter what a call on `read` sees? */
function affects(read: string | null, changed: string | null): boolean {
  if (read === null || changed === null || read.includes(' ') || changed.includes(' ')) return true;
  return (
    changed === read ||
    read.startsWith(changed + '/') ||
    changed.startsWith(read + '/') ||
    (!read.startsWith('/') && changed.endsWith('/' + read)) ||
    (!changed.startsWith('/') && read.endsWith('/' + changed))
  );
}

const isChange = (sp: TimelineSpan) => sp.kind !== 'LLM' && (sp.effect === 'write' || sp.effect === 'exec') && !(sp.effect === 'write' && sp.status === 'error');

/** Position of the last change before `at` that affects the span at `at`; -1 when none. */
function stateSinceByScan(timeline: TimelineSpan[], at: number): number {
  for (let j = at - 1; j >= 0; j--) if (isChange(timeline[j]!) && affects(timeline[at]!.resource, timeline[j]!.resource)) return j;
  return -1;
}

function randomTimeline(seed: number, length: number): TimelineSpan[] {
  const random = seeded(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  return Array.from({ length }, (_, i) => ({
    id: `${seed}:${i}`,
    kind: random() < 0.15 ? 'LLM' : 'TOOL',
    effect: pick(EFFECTS),
    status: random() < 0.2 ? 'error' : 'ok',
    resource: random() < 0.35 ? HOT : pick(RESOURCES),
  }));
}

let graph: Graph;
const projectId = randomProjectId('state-change');

beforeAll(async () => {
  graph = await connectTestGraph();
});
afterAll(async () => {
  await graph?.close();
});

describe('the state-change index', () => {
  it('gives the same stateSince as scanning every change, at every position, over 40 seeds', async () => {
    const timelines = new Map<string, TimelineSpan[]>();
    for (let seed = 1; seed <= 40; seed++) {
      // Mostly short sessions, some long ones: one resource changed hundreds of times.
      const length = seed % 10 === 0 ? 2500 : 1 + Math.floor(seeded(seed * 7919)() * 300);
      const timeline = randomTimeline(seed, length);
      const sessionId = `session-${seed}`;
      timelines.set(sessionId, timeline);
      const spans = timeline.map((sp, i) => ({
        id: sp.id,
        props: { kind: sp.kind, effect: sp.effect, status: sp.status, resource: sp.resource, seq: int(i), startedAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString() },
      }));
      await graph.write('test-support/create-timeline', { projectId, sessionId, spans });
    }
    const rows = await graph.read('test-support/state-since', { projectId, rootIds: [...timelines.keys()] });
    const byId = new Map(rows.map((r) => [String(r.id), Number(r.stateSince)]));
    let positions = 0;
    const wrong: string[] = [];
    for (const timeline of timelines.values()) {
      timeline.forEach((sp, at) => {
        positions += 1;
        const expected = stateSinceByScan(timeline, at);
        if (byId.get(sp.id) !== expected) wrong.push(`${sp.id} (${sp.resource}): index ${byId.get(sp.id)}, scan ${expected}`);
      });
    }
    expect(rows.length).toBe(positions);
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it('finds no change in a tree without any, and an empty tree has no positions', async () => {
    const timeline: TimelineSpan[] = [
      { id: 'calm:0', kind: 'TOOL', effect: 'read', status: 'ok', resource: '/repo/src/a.ts' },
      { id: 'calm:1', kind: 'LLM', effect: 'write', status: 'ok', resource: '/repo/src/a.ts' },
      { id: 'calm:2', kind: 'TOOL', effect: 'write', status: 'error', resource: '/repo/src/a.ts' },
      { id: 'calm:3', kind: 'TOOL', effect: 'read', status: 'ok', resource: '/repo/src/a.ts' },
    ];
    const spans = timeline.map((sp, i) => ({ id: sp.id, props: { ...sp, id: undefined, seq: int(i), startedAt: new Date(Date.UTC(2026, 0, 2) + i * 1000).toISOString() } }));
    await graph.write('test-support/create-timeline', { projectId, sessionId: 'calm', spans });
    const rows = await graph.read('test-support/state-since', { projectId, rootIds: ['calm', 'no-such-session'] });
    expect(rows.map((r) => Number(r.stateSince))).toEqual([-1, -1, -1, -1]);
  });
});
