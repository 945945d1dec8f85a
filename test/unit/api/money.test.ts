// Money is presented rounded to micro-dollars: float noise of sums disappears, values stay numbers,
// null (unpriced) stays null.
import { describe, expect, it } from 'vitest';
import { presentUsd } from '../../../src/api/money.ts';

describe('presentUsd', () => {
  it('rounds to 6 decimals, removing float noise', () => {
    expect(presentUsd(31.534714950000044)).toBe(31.534715);
    expect(presentUsd(0.1 + 0.2)).toBe(0.3);
    expect(String(presentUsd(294.05000000000007))).toBe('294.05');
    expect(presentUsd(0.0000004)).toBe(0);
    // One sum in two orders shows one figure, even at a half micro-dollar.
    expect(presentUsd(0.07435649999999999)).toBe(0.074357);
    expect(presentUsd(0.0743565000000001)).toBe(0.074357);
    expect(presentUsd(1234567.8912345)).toBe(1234567.891235);
    expect(Object.is(presentUsd(-0.0000001), 0)).toBe(true);
  });

  it('keeps null and non-finite values as they are', () => {
    expect(presentUsd(null)).toBeNull();
    expect(presentUsd(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });
});
