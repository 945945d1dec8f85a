import { describe, expect, it } from 'vitest';
import { canonicalJson, normalisePath, normaliseUrl, parseArgs } from '../../../src/domain/canonical/index.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it('is independent of key insertion order', () => {
    const a = { user_id: 'mia_li_3668', origin: 'JFK', flights: [{ date: '2024-05-20', flight_number: 'HAT136' }] };
    const b = { flights: [{ flight_number: 'HAT136', date: '2024-05-20' }], origin: 'JFK', user_id: 'mia_li_3668' };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });

  it('writes numbers stably', () => {
    expect(canonicalJson({ n: 1.0, m: -0, big: 1e21, small: 1e-7, frac: 0.1 + 0.2 })).toBe('{"big":1e+21,"frac":0.30000000000000004,"m":0,"n":1,"small":1e-7}');
    expect(canonicalJson(Number.NaN)).toBe('null');
    expect(canonicalJson(10n)).toBe('10');
  });

  it('drops undefined members like JSON and survives cycles', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(canonicalJson(cyclic)).toBe('{"a":1,"self":"[Circular]"}');
  });

  it('escapes strings as JSON does', () => {
    expect(canonicalJson({ 'k"': 'line\nbreak "q" \u2014' })).toBe('{"k\\"":"line\\nbreak \\"q\\" \u2014"}');
  });
});

describe('parseArgs', () => {
  it('parses JSON-string arguments (OpenAI function.arguments, τ-bench)', () => {
    expect(parseArgs('{"reservation_id": "JG7FMM"}')).toEqual({ reservation_id: 'JG7FMM' });
    expect(parseArgs(' [1,2] ')).toEqual([1, 2]);
  });

  it('leaves other strings and values alone', () => {
    expect(parseArgs('ls -la')).toBe('ls -la');
    expect(parseArgs('{not json}')).toBe('{not json}');
    expect(parseArgs({ a: 1 })).toEqual({ a: 1 });
  });
});

describe('normalisePath', () => {
  it.each([
    ['./a//b/../c', 'a/c'],
    ['/tmp/bills-bot-issue-30/', '/tmp/bills-bot-issue-30'],
    ['/tmp//x/./y/', '/tmp/x/y'],
    ['src/', 'src'],
    ['../up/./x', '../up/x'],
    ['/', '/'],
    ['./', '.'],
    ['~/notes.md', '~/notes.md'],
    ['  /a/b  ', '/a/b'],
  ])('%s → %s', (input, expected) => {
    expect(normalisePath(input)).toBe(expected);
  });
});

describe('normaliseUrl', () => {
  it('lowercases scheme and host, drops default port and fragment, keeps the query', () => {
    expect(normaliseUrl('HTTPS://Docs.Anthropic.com:443/en/docs/about-claude/models/all-models#opus')).toBe(
      'https://docs.anthropic.com/en/docs/about-claude/models/all-models',
    );
    expect(normaliseUrl('https://example.com/search?b=2&a=1')).toBe('https://example.com/search?b=2&a=1');
    expect(normaliseUrl('not a url')).toBe('not a url');
  });
});
