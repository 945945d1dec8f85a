// The one-line snippet of a span (what the explorer's tree rows show beside the tool or model) and
// the tolerant JSON reader it relies on for arguments that were stored cut short.
import { describe, expect, it } from 'vitest';
import { parsePartialJson } from '../../../src/domain/partial-json.ts';
import { SNIPPET_CHARS, spanSnippet } from '../../../src/domain/span-snippet.ts';

const tool = (toolName: string, args: unknown) => ({
  kind: 'TOOL',
  name: toolName,
  toolName,
  argsCanonical: typeof args === 'string' ? args : JSON.stringify(args),
  textPreview: null,
});

describe('parsePartialJson', () => {
  it('parses valid JSON as JSON.parse does', () => {
    expect(parsePartialJson('{"a":[1,2,{"b":"c\\nd"}],"e":null}')).toEqual({ value: { a: [1, 2, { b: 'c\nd' }], e: null }, truncated: false });
  });

  it('reads a value cut short as far as it goes, keeping the truncation marker', () => {
    const cut = '{"agentId":"build","task":"## PR Review\\n\\nRepo: `/x`\\n…[+2093 chars]';
    expect(parsePartialJson(cut)).toEqual({ value: { agentId: 'build', task: '## PR Review\n\nRepo: `/x`\n…[+2093 chars]' }, truncated: true });
  });

  it('drops a key whose value never started, a half escape, and a number that may be longer', () => {
    expect(parsePartialJson('{"a":"x","b":')!.value).toEqual({ a: 'x' });
    expect(parsePartialJson('{"a":"x\\')!.value).toEqual({ a: 'x' });
    expect(parsePartialJson('{"a":"x","n":12')!.value).toEqual({ a: 'x' });
    expect(parsePartialJson('[1,2,"th')!.value).toEqual([1, 2, 'th']);
  });

  it('gives up on text that is no JSON container', () => {
    expect(parsePartialJson('ls -la')).toBeNull();
    expect(parsePartialJson('"cut str')).toBeNull();
    expect(parsePartialJson('')).toBeNull();
  });

  it('keeps a key named __proto__ as a key', () => {
    const value = parsePartialJson('{"__proto__":"x","a":"cut')!.value as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__', 'a']);
  });
});

describe('spanSnippet', () => {
  it('a shell call shows its command, on one line', () => {
    expect(spanSnippet(tool('exec', { command: 'cd /repo && gh pr list\n  --state open' }))).toBe('gh pr list --state open');
    expect(spanSnippet(tool('exec', { command: 'cd /repo' }))).toBe('cd /repo');
    expect(spanSnippet(tool('Bash', { command: 'bd ready', description: 'List ready work' }))).toBe('bd ready');
  });

  it('a file tool shows its path; a search its pattern and where', () => {
    expect(spanSnippet(tool('read', { path: '/repo/src/a.ts', limit: 40, offset: 1 }))).toBe('/repo/src/a.ts');
    expect(spanSnippet(tool('Edit', { file_path: '/repo/b.ex', old_string: 'x', new_string: 'y' }))).toBe('/repo/b.ex');
    expect(spanSnippet(tool('Grep', { output_mode: 'content', path: '/repo/lib', pattern: 'Tmux' }))).toBe('Tmux · /repo/lib');
    expect(spanSnippet(tool('WebSearch', { query: 'neo4j keyset pagination' }))).toBe('neo4j keyset pagination');
    expect(spanSnippet(tool('web_fetch', { url: 'https://example.com/a' }))).toBe('https://example.com/a');
  });

  it('a spawn shows its label and task; a message tool its action and text', () => {
    const cut = '{"agentId":"build","label":"pr75-review-fix","model":"m","task":"## PR Review Fix: **bills-bot** PR #75\\n\\nRepo…[+2093 chars]';
    expect(spanSnippet(tool('sessions_spawn', cut))).toBe('pr75-review-fix · PR Review Fix: bills-bot PR #75 Repo…[+2093 chars]');
    expect(spanSnippet(tool('subagents', { action: 'steer', message: 'Update scope', target: 'x' }))).toBe('steer · Update scope');
    expect(spanSnippet(tool('subagents', { action: 'list', recentMinutes: 180 }))).toBe('list');
  });

  it('an LLM call shows the first words of its answer, thinking marked as such', () => {
    const llm = (textPreview: string | null) => ({ kind: 'LLM', name: 'gpt', toolName: null, argsCanonical: null, textPreview });
    expect(spanSnippet(llm('[thinking] **Planning Discord DM update**'))).toBe('thinking: Planning Discord DM update');
    expect(spanSnippet(llm('✅ **PR #75 fixes are complete.**\n\n- pushed'))).toBe('✅ PR #75 fixes are complete. - pushed');
    expect(spanSnippet(llm(null))).toBeNull();
    expect(spanSnippet(llm('x'.repeat(500)))!.length).toBe(SNIPPET_CHARS);
  });

  it('falls back to the first string argument, then the arguments themselves', () => {
    expect(spanSnippet(tool('custom', { id: 7, note: 'hello' }))).toBe('hello');
    expect(spanSnippet(tool('custom', { id: 7 }))).toBe('{"id":7}');
    expect(spanSnippet(tool('custom', {}))).toBeNull();
    expect(spanSnippet(tool('custom', 'not json at all'))).toBe('not json at all');
  });
});
