// The Gantt's compressed time axis: idle gaps far longer than a step become fixed-width breaks, so
// the calls of a long session get readable bars; short or evenly busy sessions stay linear.
import { describe, expect, it } from 'vitest';
import { axisTicks, BREAK_SHARE, compressedScale, MAX_BREAKS, MAX_BREAKS_SHARE } from '../../src/ui/static/timeline-scale.js';

const S = 1000;
const M = 60 * S;

/** Calls of 2 s every 5 s from `at`, `n` of them. */
const burst = (at: number, n: number): Array<[number, number, string]> => Array.from({ length: n }, (_, i) => [at + i * 5 * S, at + i * 5 * S + 2 * S, i % 2 ? 'TOOL' : 'LLM']);

describe('compressedScale', () => {
  it('turns an hour of waiting between two bursts into one break, and the bursts take the width', () => {
    const calls = [...burst(0, 20), ...burst(100 * S + 60 * M, 20)];
    const range: [number, number] = [0, 200 * S + 60 * M];
    const scale = compressedScale([...calls, [0, range[1], 'AGENT']], range)!;
    expect(scale.compressed).toBe(true);
    expect(scale.breaks).toHaveLength(1);
    const [gap] = scale.breaks;
    expect(gap!.end - gap!.start).toBeGreaterThan(60 * M);
    expect(gap!.x1 - gap!.x0).toBeCloseTo(BREAK_SHARE, 9);
    // A 2-second call: 1/1900 of the linear axis, about 1/100 of the compressed one (19 times wider).
    const width = scale.x(2 * S) - scale.x(0);
    expect(width).toBeGreaterThan(15 * ((2 * S) / range[1]));
    // Monotone, and the ends stay the ends.
    expect(scale.x(0)).toBe(0);
    expect(scale.x(range[1])).toBe(1);
    const xs = [0, 50 * S, gap!.start, (gap!.start + gap!.end) / 2, gap!.end, range[1]].map(scale.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
  });

  it('stays linear for an evenly busy session, a short one, or too few calls', () => {
    const even = burst(0, 100);
    expect(compressedScale(even, [0, 500 * S])!.compressed).toBe(false);
    expect(compressedScale([[0, 1000, 'LLM'], [15 * S, 16 * S, 'LLM']], [0, 16 * S])!.compressed).toBe(false);
    expect(compressedScale([[0, 1000, 'LLM']], [0, 60 * M])!.compressed).toBe(false);
    expect(compressedScale([], null)).toBeNull();
  });

  it('breaks only the longest gaps when there are many, within their share of the width', () => {
    // 40 bursts, 30 minutes apart, with five longer waits among them.
    const starts = Array.from({ length: 40 }, (_, i) => i * 30 * M + (i > 5 ? 60 * M : 0) + (i > 12 ? 90 * M : 0) + (i > 20 ? 120 * M : 0) + (i > 30 ? 150 * M : 0) + (i > 35 ? 180 * M : 0));
    const calls = starts.flatMap((at) => burst(at, 4));
    const scale = compressedScale(calls, [0, starts[39]! + 20 * S])!;
    expect(scale.breaks).toHaveLength(MAX_BREAKS);
    const lengths = scale.breaks.map((b) => Math.round((b.end - b.start) / M));
    expect(lengths.filter((m) => m > 60)).toHaveLength(5);
    const share = scale.breaks.reduce((s, b) => s + (b.x1 - b.x0), 0);
    expect(share).toBeLessThanOrEqual(MAX_BREAKS_SHARE + 1e-9);
  });

  it('a long-running tool keeps its time busy: no break inside it', () => {
    const calls: Array<[number, number, string]> = [...burst(0, 10), [50 * S, 50 * S + 40 * M, 'TOOL'], ...burst(50 * S + 40 * M, 10)];
    expect(compressedScale(calls, [0, 100 * S + 40 * M])!.compressed).toBe(false);
  });

  it('labels a compressed axis at its ends (breaks carry their own length), a linear one at quarters', () => {
    const calls = [...burst(0, 20), ...burst(100 * S + 60 * M, 20)];
    const scale = compressedScale(calls, [0, 200 * S + 60 * M])!;
    expect(axisTicks(scale)).toEqual([
      { at: 0, offsetMs: 0 },
      { at: 1, offsetMs: 200 * S + 60 * M },
    ]);
    expect(axisTicks(compressedScale(burst(0, 100), [0, 500 * S])!)).toHaveLength(5);
  });
});

describe('fitting the timeline to the rows in view', () => {
  it('measures bars in pixels and frames the working spans in view', async () => {
    const { medianBarPx, viewWindow, linearScale } = await import('../../src/ui/static/timeline-scale.js');
    const calls = burst(0, 10);
    // 2-second calls on a 5-hour axis: slivers; on the window of the rows in view: wide bars.
    expect(medianBarPx(calls, linearScale([0, 300 * M]))).toBeLessThan(0.1);
    const window = viewWindow([...calls, [0, 300 * M, 'AGENT']])!;
    expect(window[0]).toBeLessThan(0);
    expect(window[1]).toBeGreaterThan(47 * S);
    expect(window[1]).toBeLessThan(50 * S);
    expect(medianBarPx(calls, linearScale(window))).toBeGreaterThan(10);
    expect(viewWindow([[0, 300 * M, 'AGENT']])).toBeNull();
  });
});
