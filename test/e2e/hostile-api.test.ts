// The hostile-value corpus (test/helpers/hostile.ts) through every GraphQL argument, every export
// parameter, the asset routes and request headers: never a 500 or an INTERNAL_SERVER_ERROR, every
// refusal says what was wrong, and /healthz answers between rounds (issue 13).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/api/server.ts';
import { createPricer } from '../../src/domain/cost/index.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { ingestBatch } from '../../src/ingest/pipeline.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';
import { describeValue, expectAlive, HOSTILE_NUMBERS, HOSTILE_STRINGS, PROTO_KEYS } from '../helpers/hostile.ts';
import { llmCall, sessionWith, toolCall } from '../helpers/factories.ts';
import { startTestServer } from '../helpers/server.ts';

let graph: Graph;
let server: RunningServer;
const projectId = randomProjectId('hostile-api');

beforeAll(async () => {
  graph = await connectTestGraph();
  // Something to find, so resolvers past the lookups run too.
  await ingestBatch(graph, projectId, sessionWith({ name: 'hostile-api' }, [llmCall({ calls: [toolCall('read', { path: '/a.ts' }, { result: 'x' })] })]), createPricer());
  server = await startTestServer(graph, projectId);
});
afterAll(async () => {
  await server?.close();
  await graph?.close();
});

interface GqlAnswer {
  status: number;
  text: string;
  errors: Array<{ message: string; extensions?: { code?: string } }>;
}

async function gql(query: string, variables: Record<string, unknown>): Promise<GqlAnswer> {
  const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const text = await res.text();
  let errors: GqlAnswer['errors'] = [];
  try {
    errors = (JSON.parse(text) as { errors?: GqlAnswer['errors'] }).errors ?? [];
  } catch {
    // Not JSON: the status check reports it.
  }
  return { status: res.status, text, errors };
}

/** Handled: not a 5xx, no resolver crash, and each error says something (code and message). */
function expectHandled(answer: GqlAnswer, context: string): void {
  expect(answer.status, `${context}: ${answer.text.slice(0, 400)}`).toBeLessThan(500);
  for (const error of answer.errors) {
    expect(error.extensions?.code, `${context}: ${error.message.slice(0, 300)}`).not.toBe('INTERNAL_SERVER_ERROR');
    expect(error.message.length, context).toBeGreaterThan(0);
  }
}

/** Every string argument of the API, one operation each; `$v` is the hostile value. */
const STRING_OPERATIONS: Array<[string, string]> = [
  ['node', 'query($v: ID!) { node(id: $v) { id } }'],
  ['session', 'query($v: ID!) { session(id: $v) { id totalCostUsd spans(first: 5) { totalCount } } }'],
  ['span', 'query($v: ID!) { span(id: $v) { id name } }'],
  ['traceCard', 'query($v: ID!) { traceCard(sessionId: $v) { yaml } }'],
  ['sessions(where)', 'query($v: String) { sessions(where: { agentId: $v, skill: $v }) { totalCount nodes { id } } }'],
  ['sessions(ids)', 'query($v: ID!) { sessions(where: { ids: [$v] }) { totalCount } }'],
  ['sessions(after)', 'query($v: String) { sessions(first: 5, after: $v) { totalCount } }'],
  ['session spans(where, after)', 'query($v: String) { sessions(first: 5) { nodes { spans(first: 5, after: $v, where: { toolName: $v, model: $v }) { totalCount } } } }'],
  ['costRollup', 'query($v: String, $id: ID!) { costRollup(groupBy: [MODEL, DAY], where: { agentId: $v, skill: $v, sessionIds: [$id] }) { key1 costUsd } }'],
  ['redundantCalls', 'query($id: ID) { redundantCalls(where: { sessionId: $id }) { kind } }'],
  ['failures', 'query($v: String) { failures(where: { toolName: $v, model: $v, session: { agentId: $v } }, after: $v) { totalCount } }'],
  ['distillRun', 'query($id: ID!) { distillRun(id: $id) { id status } }'],
  ['distillRuns', 'query($v: String) { distillRuns(skill: $v) { id } }'],
  ['skill', 'query($v: String!) { skill(name: $v) { name } }'],
  ['recordOutcome', 'mutation($id: ID!, $v: String) { recordOutcome(input: { sessionId: $id, result: SUCCESS, evaluator: $v, notes: $v, clientMutationId: $v }) { outcome { id } } }'],
  ['deleteSession', 'mutation($id: ID!) { deleteSession(input: { id: $id }) { deletedSpans } }'],
  ['cancelDistillRun', 'mutation($id: ID!) { cancelDistillRun(input: { id: $id }) { run { id } } }'],
  ['distill', 'mutation($v: String!, $id: ID!) { distill(input: { skill: $v, sessionIds: [$id], baseSkill: $v, mode: OFFLINE, model: $v, clientMutationId: $v }) { run { id status } } }'],
  ['enum variable', 'query($e: [RollupDimension!]!) { costRollup(groupBy: $e) { key1 } }'],
  ['DateTime variable', 'query($t: DateTime) { sessions(where: { startedAt: { from: $t, to: $t } }) { totalCount } }'],
  ['JSON scalar', 'mutation($id: ID!, $j: JSON) { recordOutcome(input: { sessionId: $id, result: FAILURE, evidence: $j }) { outcome { id } } }'],
];

const NUMBER_OPERATIONS: Array<[string, string]> = [
  ['sessions(first)', 'query($n: Int) { sessions(first: $n) { totalCount } }'],
  ['minTotalCostUsd', 'query($f: Float) { sessions(where: { minTotalCostUsd: $f }) { totalCount } }'],
  ['traceCard(budgetTokens)', 'query($n: Int) { traceCard(sessionId: "test:hostile-api", budgetTokens: $n) { yaml } }'],
  ['redundantCalls(first)', 'query($n: Int) { redundantCalls(first: $n) { kind } }'],
  ['recordOutcome(score)', 'mutation($f: Float) { recordOutcome(input: { sessionId: "test:hostile-api", result: SUCCESS, score: $f }) { outcome { id } } }'],
];

/**
 * One operation asked for several values at once: the root field repeated under aliases, each with
 * its own variables (`$v` → `$v3`), so the corpus takes a few requests per operation.
 */
function batched(template: string, count: number): string {
  const match = /^(query|mutation)\((.*?)\) \{ (.*) \}$/.exec(template);
  if (!match) throw new Error(`not a one-field operation: ${template}`);
  const [, kind, defs, body] = match;
  const rename = (text: string, i: number) => text.replace(/\$(v|id|e|t|j)\b/g, (_m, name: string) => `$${name}${i}`);
  const range = Array.from({ length: count }, (_, i) => i);
  return `${kind}(${range.map((i) => rename(defs!, i)).join(', ')}) { ${range.map((i) => `a${i}: ${rename(body!, i)}`).join(' ')} }`;
}

function variablesFor(values: readonly string[]): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  values.forEach((value, i) => Object.assign(variables, { [`v${i}`]: value, [`id${i}`]: value, [`e${i}`]: [value], [`t${i}`]: value, [`j${i}`]: { [value]: value } }));
  return variables;
}

describe('GraphQL', () => {
  it('every hostile string in every argument', async () => {
    // 1 MB values exceed the 1 MB GraphQL body limit (413, test/integration/graphql-limits.test.ts).
    const values = HOSTILE_STRINGS.filter((s) => s.value.length < 200_000);
    // Object.prototype names in one request, the rest in another (at most 12 aliases a request).
    for (const group of [values.slice(0, 12), values.slice(12)]) {
      const label = group.map((s) => s.label).join(', ');
      for (const [name, query] of STRING_OPERATIONS) {
        const answer = await gql(batched(query, group.length), variablesFor(group.map((s) => s.value)));
        expectHandled(answer, `${name}, ${label}`);
      }
      await expectAlive(server.url);
    }
  });

  it('every hostile number in every numeric argument', async () => {
    for (const n of HOSTILE_NUMBERS) {
      for (const [name, query] of NUMBER_OPERATIONS) {
        // JSON has no NaN or Infinity: they arrive as null, or as the raw literal in a hand-written body.
        expectHandled(await gql(query, { n, f: n }), `${name}, ${describeValue(n)}`);
        const res = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: `{"query": ${JSON.stringify(query)}, "variables": {"n": ${String(n)}, "f": ${String(n)}}}`,
        });
        expect(res.status, `${name}, raw ${describeValue(n)}`).toBeLessThan(500);
      }
      await expectAlive(server.url);
    }
  });

  it('hostile names as fragment, operation, alias and variable names, and deeply nested variables', async () => {
    for (const key of PROTO_KEYS.filter((k) => /^[_A-Za-z][_0-9A-Za-z]*$/.test(k))) {
      const query = `query ${key}($${key}: String) { ${key}: sessions(where: { agentId: $${key} }) { ...${key} } } fragment ${key} on SessionConnection { totalCount }`;
      expectHandled(await gql(query, { [key]: key }), `names ${key}`);
      expectHandled(await gql(`{ ${key} }`, {}), `field ${key}`);
    }
    // Written by hand: JSON.stringify would overflow on the way out.
    const query = 'mutation($j: JSON) { recordOutcome(input: { sessionId: "test:hostile-api", result: SUCCESS, evidence: $j }) { outcome { id } } }';
    const literal = `mutation { recordOutcome(input: { sessionId: "test:hostile-api", result: SUCCESS, evidence: ${'{a:'.repeat(5_000)}1${'}'.repeat(5_000)} }) { outcome { id } } }`;
    expectHandled(await gql(literal, {}), 'deep JSON literal');
    for (const levels of [100, 100_000]) {
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: `{"query": ${JSON.stringify(query)}, "variables": {"j": ${'{"a":'.repeat(levels)}"x"${'}'.repeat(levels)}}}`,
      });
      const text = await res.text();
      expect(res.status, `deep JSON variable, ${levels} levels: ${text.slice(0, 300)}`).toBeLessThan(500);
      expect(text, `deep JSON variable, ${levels} levels`).not.toMatch(/INTERNAL_SERVER_ERROR/);
    }
    await expectAlive(server.url);
  });
});

describe('exports', () => {
  const EXPORTS = ['sessions.csv', 'sessions.ndjson', 'spans.csv', 'spans.ndjson', 'rollup.csv', 'rollup.ndjson'];

  async function exportStatus(file: string, params: Array<[string, string]>): Promise<{ status: number; text: string }> {
    const search = new URLSearchParams(params).toString();
    const res = await fetch(`${server.url}/v1/export/${file}?${search}`);
    return { status: res.status, text: await res.text() };
  }

  it('every hostile string as every parameter value and as a parameter name', async () => {
    // Free-text parameters reach the database; the others are refused together, each named.
    const FREE_TEXT = ['agentId', 'skill', 'toolName', 'model', 'ids', 'sessionIds'];
    const CHECKED = ['source', 'status', 'role', 'outcome', 'from', 'to', 'kind', 'spanStatus', 'rootOnly', 'hasErrors'];
    const applies = (file: string, param: string) =>
      file.startsWith('rollup') ? ['agentId', 'skill', 'source', 'sessionIds', 'from', 'to'].includes(param) : !['sessionIds'].includes(param) && (file.startsWith('spans') || !['kind', 'spanStatus', 'toolName', 'model'].includes(param));
    // Node refuses request heads over 16 kB (431) before any route runs; shorter values reach the handlers.
    const fits = (value: string) => Buffer.byteLength(value) * 3 < 12_000;
    for (const { label, value } of HOSTILE_STRINGS.filter((s) => fits(s.value))) {
      for (const file of ['sessions.csv', 'spans.ndjson', 'rollup.csv']) {
        const groupBy: Array<[string, string]> = file.startsWith('rollup') ? [['groupBy', 'day,model']] : [];
        const free = await exportStatus(file, [...groupBy, ...FREE_TEXT.filter((p) => applies(file, p)).map((p): [string, string] => [p, value])]);
        expect(free.status, `${file} free text = ${label}: ${free.text.slice(0, 300)}`).toBeLessThan(500);
        const checked = await exportStatus(file, [...groupBy, ...CHECKED.filter((p) => applies(file, p)).map((p): [string, string] => [p, value])]);
        expect(checked.status, `${file} checked = ${label}: ${checked.text.slice(0, 300)}`).toBeLessThan(500);
        if (checked.status >= 400) expect(checked.text, `${file} checked = ${label}`).toMatch(/"message":"Bad export parameters: [^"]+/);
        const grouped = file.startsWith('rollup') ? await exportStatus(file, [['groupBy', value]]) : undefined;
        if (grouped) expect(grouped.status, `${file} groupBy=${label}`).toBe(400);
        const named = await exportStatus(file, [...groupBy, [value, 'x']]);
        expect(named.status, `${file} ${label}=x: ${named.text.slice(0, 300)}`).toBeLessThan(500);
        if (value !== '') expect(named.status, `${file} ${label}=x is an unknown parameter`).toBe(400);
      }
      await expectAlive(server.url);
    }
    const tooLong = await fetch(`${server.url}/v1/export/sessions.csv?agentId=${'m'.repeat(1_000_000)}`);
    expect(tooLong.status).toBeLessThan(500);
    await expectAlive(server.url);
  });

  it('every hostile number as a numeric parameter', async () => {
    for (const n of HOSTILE_NUMBERS) {
      for (const file of EXPORTS.filter((f) => !f.startsWith('rollup'))) {
        const answer = await exportStatus(file, [['minTotalCostUsd', String(n)]]);
        expect(answer.status, `${file} minTotalCostUsd=${describeValue(n)}`).toBeLessThan(500);
      }
    }
    await expectAlive(server.url);
  });
});

describe('asset routes, headers and request targets', () => {
  it('Object.prototype names as asset names are 404, not 500', async () => {
    for (const key of PROTO_KEYS) {
      for (const base of ['/ui/assets/', '/graphql/assets/']) {
        const res = await fetch(`${server.url}${base}${key}`);
        expect(res.status, `${base}${key}`).toBe(404);
      }
    }
    await expectAlive(server.url);
  });

  it('hostile content types, encodings and request targets', async () => {
    for (const key of [...PROTO_KEYS, 'gzip, gzip', 'x'.repeat(8_000)]) {
      for (const pathname of ['/v1/traces', '/v1/events', '/graphql']) {
        const typed = await fetch(`${server.url}${pathname}`, { method: 'POST', headers: { 'content-type': key }, body: '{}' });
        expect(typed.status, `${pathname} content-type ${key.slice(0, 20)}`).toBeLessThan(500);
        const encoded = await fetch(`${server.url}${pathname}`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': key }, body: '{}' });
        expect(encoded.status, `${pathname} content-encoding ${key.slice(0, 20)}`).toBeLessThan(500);
      }
    }
    // A request target that is not a URL path; fetch cannot send one, so a raw socket does.
    const { connect } = await import('node:net');
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1', () => socket.end('GET //[ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'));
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString()));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 4\d\d/);
    await expectAlive(server.url);
  });
});
