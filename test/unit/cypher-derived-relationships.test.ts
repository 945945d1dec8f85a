// A rule for the Cypher catalog: relationships that finalisation derives (NEXT, REPEATS, HAS_USAGE,
// USED_SKILL, IN_COHORT) are matched untyped, from a node the query already holds, with `WHERE type(r) = '…'`. A typed
// pattern can be planned as a scan of every relationship of the type — cheap while the type is
// empty, which it is when a fresh database first plans the query — and the cached plan turns
// quadratic as the type fills (see cypher/ingest/relink-next.cypher). Writing them (CREATE, MERGE)
// and existence checks from a bound node are fine.
import { describe, expect, it } from 'vitest';
import { allQueries } from '../../src/graph/registry.ts';

const DERIVED = ['NEXT', 'REPEATS', 'HAS_USAGE', 'USED_SKILL', 'IN_COHORT'];
/** Project-wide listings that start from the relationship type on purpose (few, across one project). */
const ALLOWED = new Set(['redundancy/findings']);

function typedDerivedMatches(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => /^\s*(OPTIONAL\s+)?MATCH\b/i.test(line))
    .filter((line) => DERIVED.some((type) => new RegExp(`\\[\\w*:${type}[\\]*|]`).test(line)));
}

describe('derived relationships are matched untyped', () => {
  for (const [name, query] of allQueries()) {
    if (ALLOWED.has(name)) continue;
    it(name, () => expect(typedDerivedMatches(query.text)).toEqual([]));
  }

  it('the rule catches a typed match', () => {
    expect(typedDerivedMatches('MATCH (s)-[:HAS_SPAN]->(:Span)-[old:NEXT]->(:Span)')).toHaveLength(1);
    expect(typedDerivedMatches('MERGE (dup)-[r:REPEATS]->(original)')).toEqual([]);
  });
});
