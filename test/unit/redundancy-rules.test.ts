// The pure parts of redundancy detection: the state-change rule (TypeScript copy), the token
// estimate, the kinds, and that the three tool queries carry the very same rule text.
import { describe, expect, it } from 'vitest';
import { estimateTokensFromChars, FINDING_KINDS, isFindingKind } from '../../src/domain/redundancy/kinds.ts';
import { mayChange, stateChangedBetween, type EffectOf } from '../../src/domain/redundancy/state-change.ts';
import { query } from '../../src/graph/registry.ts';

const write = (resource: string | null): EffectOf => ({ kind: 'TOOL', effect: 'write', resource });
const exec = (resource: string | null = null): EffectOf => ({ kind: 'TOOL', effect: 'exec', resource });
const read = (resource: string | null): EffectOf => ({ kind: 'TOOL', effect: 'read', resource });

describe('mayChange', () => {
  it('only write and exec spans change state', () => {
    expect(mayChange(read('/a'), '/a')).toBe(false);
    expect(mayChange({ kind: 'TOOL', effect: 'search', resource: null }, '/a')).toBe(false);
    expect(mayChange({ kind: 'SUBAGENT', effect: 'spawn', resource: null }, '/a')).toBe(false);
    // A failed write changed nothing; a failed exec may have done part of its work.
    expect(mayChange({ kind: 'TOOL', effect: 'write', resource: '/a', status: 'error' }, '/a')).toBe(false);
    expect(mayChange({ kind: 'TOOL', effect: 'exec', resource: null, status: 'error' }, '/a')).toBe(true);
    expect(mayChange({ kind: 'LLM', effect: 'exec', resource: null }, '/a')).toBe(false);
    expect(mayChange({ kind: 'TOOL', effect: null, resource: null }, '/a')).toBe(false);
  });

  it('treats unknown resources, on either side, as possibly the same', () => {
    expect(mayChange(exec(), '/a')).toBe(true);
    expect(mayChange(write('/b'), null)).toBe(true);
  });

  it('lets any write change what a read-only shell command sees', () => {
    expect(mayChange(write('/elsewhere/x.md'), 'cd /repo && git status')).toBe(true);
  });

  it('matches a path, the folders above it and what is inside it, and relative spellings', () => {
    expect(mayChange(write('/repo/a.ts'), '/repo/a.ts')).toBe(true);
    expect(mayChange(write('/repo/b.ts'), '/repo/a.ts')).toBe(false);
    expect(mayChange(write('/repo/src/new.ts'), '/repo/src')).toBe(true);
    expect(mayChange(write('/repo'), '/repo/src/a.ts')).toBe(true);
    expect(mayChange(write('/repo/src/a.ts'), 'src/a.ts')).toBe(true);
    expect(mayChange(write('src/a.ts'), '/repo/src/a.ts')).toBe(true);
    // A shared prefix is not a folder: /repo/a.ts.bak is not inside /repo/a.ts.
    expect(mayChange(write('/repo/a.ts.bak'), '/repo/a.ts')).toBe(false);
    expect(mayChange(exec('process:7'), 'process:7')).toBe(true);
    expect(mayChange(exec('process:7'), 'process:8')).toBe(false);
  });
});

describe('stateChangedBetween', () => {
  const timeline = [read('/a'), write('/b'), read('/a'), write('/a'), read('/a'), exec(), exec()];

  it('looks strictly between the two positions', () => {
    expect(stateChangedBetween(timeline, 0, 2)).toBe(false);
    expect(stateChangedBetween(timeline, 2, 4)).toBe(true);
    // The first of two identical execs is not a change between them.
    expect(stateChangedBetween(timeline, 5, 6)).toBe(false);
  });

  it('rejects a position outside the timeline', () => {
    expect(() => stateChangedBetween(timeline, 0, 99)).toThrow(RangeError);
  });
});

describe('kinds and estimates', () => {
  it('knows the seven kinds of DESIGN §7', () => {
    expect(FINDING_KINDS).toHaveLength(7);
    expect(isFindingKind('poll_loop')).toBe(true);
    expect(isFindingKind('handoff')).toBe(true);
    expect(isFindingKind('reread')).toBe(true);
    expect(isFindingKind('near_duplicate')).toBe(false);
  });

  it('estimates tokens as a quarter of the characters, rounded up', () => {
    expect(estimateTokensFromChars(401)).toBe(101);
    expect(estimateTokensFromChars(0)).toBe(0);
    expect(estimateTokensFromChars(null)).toBe(0);
  });
});

describe('the state-change rule in Cypher', () => {
  // The rule is two texts: the state-change index built once per tree, and the lookup of
  // stateSince for each repeat.
  const between = (name: string, text: string, from: string, to: string) => {
    const start = text.indexOf(from);
    const end = text.indexOf(to, start);
    expect(start, `${name}: ${from}`).toBeGreaterThan(0);
    expect(end, `${name}: ${to}`).toBeGreaterThan(start);
    return text.slice(start, end);
  };
  const ruleOf = (name: string) => {
    const text = query(name);
    return [
      between(name, text, 'CALL (timeline, changes) {', 'AS narrow'),
      between(name, text, 'WITH *, dup.resource AS dupResource', 'AS stateSince'),
    ];
  };

  it('is the same text in every tool finding query', () => {
    const rule = ruleOf('redundancy/exact-duplicates');
    expect(ruleOf('redundancy/failed-retries')).toEqual(rule);
    expect(ruleOf('redundancy/rereads')).toEqual(rule);
    expect(ruleOf('redundancy/poll-loops')).toEqual(rule);
    expect(ruleOf('redundancy/handoffs')).toEqual(rule);
    // The property test of the rule (test/integration/redundancy-state-change.test.ts) runs this one.
    expect(ruleOf('test-support/state-since')).toEqual(rule);
  });
});
