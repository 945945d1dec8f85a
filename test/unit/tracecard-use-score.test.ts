// The use-in-parent heuristic: token-set overlap of a sub-agent's new result words with what the
// parent did next.
import { describe, expect, it } from 'vitest';
import { MIN_NOVEL_TOKENS, useScore, wordTokens } from '../../src/tracecard/use-score.ts';

describe('wordTokens', () => {
  it('lower-cases, keeps words of 4+ characters, drops stop words', () => {
    expect([...wordTokens('The Parser.spec.ts file: with timezoneOffset AND abc')].sort()).toEqual(['file', 'parser', 'spec', 'timezoneoffset']);
  });
});

describe('useScore', () => {
  const later = (...texts: string[]) => new Set(texts.flatMap((t) => [...wordTokens(t)]));

  it('is the share of novel result tokens found in the later activity', () => {
    const score = useScore({
      result: 'patched normaliseDates in parser.spec quokka',
      task: 'fix parser',
      later: later('{"edit":"normaliseDates","path":"parser.spec.ts"}'),
    });
    // novel: patched, normalisedates, spec, quokka (parser was in the task) → 2 of 4 reused
    expect(score).toBe(0.5);
  });

  it('does not credit words the parent already gave the sub-agent', () => {
    expect(useScore({ result: 'alpha bravo charlie delta', task: 'alpha bravo charlie delta', later: later('alpha bravo') })).toBeNull();
  });

  it(`gives no score with fewer than ${MIN_NOVEL_TOKENS} novel tokens`, () => {
    expect(useScore({ result: 'done okay', task: null, later: later('done okay') })).toBeNull();
    expect(useScore({ result: null, task: null, later: later('x') })).toBeNull();
  });
});
