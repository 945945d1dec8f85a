// The pure parts of the MCP layer: money rounded for reading, text cut with a marker, empty fields
// dropped, and the read-only gate of graphql_query (every mutation or subscription in a document is
// refused, whichever operation is named).
import { describe, expect, it } from 'vitest';
import { clip, compact, oneLine, percent, usd } from '../../src/mcp/present.ts';
import { parseReadOnly } from '../../src/mcp/read-only.ts';
import { ToolError } from '../../src/mcp/tool-error.ts';

describe('answers for a model', () => {
  it('rounds USD to cents from $1 and to 3 significant digits below', () => {
    expect([usd(31.534714950000023), usd(1.004), usd(0.24105925), usd(0.000123456), usd(0), usd(null), usd(Number.NaN)]).toEqual([
      31.53, 1, 0.241, 0.000123, 0, null, null,
    ]);
    expect(percent(1.4, 31.53)).toBe(4.4);
    expect(percent(1, 0)).toBeNull();
  });

  it('cuts text saying how much was cut, and drops empty fields', () => {
    expect(clip('abcdef', 4)).toBe('abcd… [2 more chars]');
    expect(clip('abc', 4)).toBe('abc');
    expect(oneLine('a\n  b\tc', 10)).toBe('a b c');
    expect(compact({ a: null, b: [], c: {}, d: 0, e: { f: undefined, g: 'x' }, h: [{ i: null }] })).toEqual({ d: 0, e: { g: 'x' }, h: [{}] });
  });
});

describe('the read-only gate', () => {
  const refused = (query: string) => {
    try {
      parseReadOnly(query);
    } catch (error) {
      return error instanceof ToolError ? error.message : 'not a ToolError';
    }
    return null;
  };

  it('lets queries and fragments through', () => {
    expect(refused('query A { sessions { totalCount } } fragment F on Session { id }')).toBeNull();
    expect(refused('{ __schema { types { name } } }')).toBeNull();
  });

  it('refuses any mutation or subscription in the document, and type definitions', () => {
    expect(refused('mutation { deleteSession(input: { id: "x" }) { deletedSpans } }')).toMatch(/^FORBIDDEN: .*mutation operations are refused/);
    expect(refused('query A { pendingSessions } mutation B { distill(input: {}) { run { id } } }')).toMatch(/^FORBIDDEN: /);
    expect(refused('subscription { x }')).toMatch(/^FORBIDDEN: .*subscription/);
    expect(refused('type Evil { x: Int }')).toMatch(/^FORBIDDEN: graphql_query takes executable documents only/);
  });

  it('reports syntax errors and bounds the tokens it parses', () => {
    expect(refused('{ sessions(first: ')).toMatch(/^GRAPHQL_PARSE_FAILED: Syntax Error/);
    expect(refused(`{ ${'a '.repeat(6000)} }`)).toMatch(/^GRAPHQL_PARSE_FAILED: .*more that 5000 tokens/);
  });
});
