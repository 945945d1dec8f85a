// How the step inspector shows values: JSON indented even when a preview cut it short, long text
// folded at a line or character limit.
import { describe, expect, it } from 'vitest';

// value-view.js imports React's module (window.React): give it a stand-in before importing.
(globalThis as { window?: unknown }).window = { React: { createElement: () => null } };
const { FOLD_CHARS, foldPoint, prettyText, reindent } = await import('../../src/ui/static/value-view.js');

describe('value view', () => {
  it('indents valid JSON, and JSON cut short by its brackets (strings untouched)', () => {
    expect(prettyText('{"a":[1,2]}')).toBe('{\n  "a": [\n    1,\n    2\n  ]\n}');
    expect(reindent('[{"login":"a, b {x}","n":1},{"lo')).toBe('[\n  {\n    "login": "a, b {x}",\n    "n": 1\n  },\n  {\n    "lo');
    expect(prettyText('plain text, not json')).toBe('plain text, not json');
    expect(prettyText('{"a":1}\n{"a":2')).toBe('{"a":1}\n{"a":2');
  });

  it('folds after 14 lines or FOLD_CHARS characters, not before', () => {
    expect(foldPoint('short')).toBeNull();
    const lines = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n');
    expect(lines.slice(0, foldPoint(lines)!).split('\n')).toHaveLength(14);
    expect(foldPoint('x'.repeat(FOLD_CHARS + 1))).toBe(FOLD_CHARS);
  });
});
