// The explorer's lower-bound marker (src/ui/static/lower-bound.js): an inclusive total with
// sub-agents missing reads "≥ $x" and says how many; a complete one reads as the plain amount.
import { describe, expect, it } from 'vitest';
import { inclusiveUsd, lowerBoundHint, missingText } from '../../src/ui/static/lower-bound.js';

describe('lower-bound marker', () => {
  const complete = { totalCostUsd: 5.48, inclusiveIsLowerBound: false, missingSubagents: 0 };
  const partial = { totalCostUsd: 31.5347, inclusiveIsLowerBound: true, missingSubagents: 1 };

  it('a complete total is the plain amount, with no hint', () => {
    expect(inclusiveUsd(complete)).toBe('$5.48');
    expect(lowerBoundHint(complete)).toBeNull();
  });

  it('a lower bound reads "≥ $x" and names how many sub-agents are missing', () => {
    expect(inclusiveUsd(partial)).toBe('≥ $31.53');
    expect(lowerBoundHint(partial)).toMatch(/^Lower bound: 1 sub-agent missing/);
    expect(missingText(3)).toBe('3 sub-agents missing');
  });
});
