// The checks every MCP transport must pass, on the real OpenClaw corpus (22 sessions, $37.01 in
// total; tree B 684637ff $31.53, tree A 3c0cbde4 $5.48) imported into the test's project: every
// tool listed and called, answers within their size caps, errors as isError results with a code,
// the GraphQL tool read-only and under the API's limits, and the resources.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, expect, it } from 'vitest';
import YAML from 'yaml';
import type { Graph } from '../../src/graph/driver.ts';
import { loadCardInput } from '../../src/graph/tracecard.ts';
import { buildTraceCard } from '../../src/tracecard/index.ts';
import { callTool } from './mcp-client.ts';

export const TREE_B = 'openclaw:684637ff-e673-46e4-a1a9-0de622f22f21';
export const TREE_A = 'openclaw:3c0cbde4-a641-4a72-9fbb-85be3e57588b';

export const TOOL_NAMES = [
  'budget_state',
  'cost_rollup',
  'describe_schema',
  'get_distill_run',
  'get_skill',
  'get_span',
  'get_tracecard',
  'graphql_query',
  'list_skills',
  'redundant_calls',
  'search_sessions',
  'skill_impact',
  'start_distill',
];

/** Registers the shared checks; `env()` gives the connected client once beforeAll has run. */
export function everyToolOnVolvox(label: string, env: () => { client: Client; graph: Graph; projectId: string }): void {
  const sizes = new Map<string, number>();
  const call = async (name: string, args: Record<string, unknown> = {}) => {
    const answer = await callTool(env().client, name, args);
    sizes.set(name, Math.max(sizes.get(name) ?? 0, answer.text.length));
    return answer;
  };
  const text = async (name: string, args: Record<string, unknown> = {}) => {
    const answer = await call(name, args);
    if (answer.isError) throw new Error(`${name} failed: ${answer.text}`);
    return answer.text;
  };
  afterAll(() => console.error(`[mcp ${label}] largest answer per tool (chars): ${JSON.stringify(Object.fromEntries([...sizes].sort()))}`));

  it('lists every tool with a description and a JSON Schema input', async () => {
    const { tools } = await env().client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(TOOL_NAMES);
    for (const tool of tools) {
      expect(tool.description!.length).toBeGreaterThan(80);
      expect(tool.inputSchema.type).toBe('object');
    }
    expect(tools.find((t) => t.name === 'start_distill')?.annotations?.readOnlyHint).toBe(false);
    expect(tools.find((t) => t.name === 'graphql_query')?.annotations?.readOnlyHint).toBe(true);
  });

  it('search_sessions: the dearest sessions first, with the corpus figures', async () => {
    const answer = YAML.parse(await text('search_sessions', { orderBy: 'most_expensive', first: 3 }));
    // The corpus' 22 sessions are two trees: tree B and tree A with their sub-agent sessions.
    expect(answer.matching).toBe(2);
    expect(answer.sessions.map((s: { id: string }) => s.id).slice(0, 2)).toEqual([TREE_B, TREE_A]);
    expect(answer.sessions[0].totalUsd).toBe(31.53);
    // One of tree B's spawns has no transcript in the corpus: its total is a lower bound.
    expect(answer.sessions[0].totalIsLowerBound).toBe('yes: 1 sub-agent(s) missing');
    expect(answer.sessions[1].totalUsd).toBe(5.48);
    const first = YAML.parse(await text('search_sessions', { orderBy: 'most_expensive', first: 1 }));
    expect(first.sessions.map((s: { id: string }) => s.id)).toEqual([TREE_B]);
    const next = YAML.parse(await text('search_sessions', { orderBy: 'most_expensive', first: 1, after: first.nextCursor }));
    expect(next.sessions.map((s: { id: string }) => s.id)).toEqual([TREE_A]);
    expect(next.nextCursor).toBeUndefined();
    const all = YAML.parse(await text('search_sessions', { rootOnly: false, first: 50 }));
    expect(all.matching).toBe(22);
    expect(all.sessions.filter((s: { role?: string }) => s.role === 'SUBAGENT').length).toBeGreaterThan(0);
    const filtered = YAML.parse(await text('search_sessions', { agentId: 'nobody-here' }));
    expect(filtered.matching).toBe(0);
  });

  it('get_tracecard: the same bytes as the TraceCard module, within its budget', async () => {
    const card = await text('get_tracecard', { sessionId: TREE_B });
    const input = await loadCardInput(env().graph, env().projectId, TREE_B);
    expect(card).toBe(buildTraceCard(input!, { budgetTokens: 512 }).yaml);
    expect(card).toContain('684637ff');
    const big = await text('get_tracecard', { sessionId: TREE_B, budgetTokens: 2048 });
    expect(big.length).toBeGreaterThan(card.length);
  });

  it('cost_rollup: by model and by day × model, totals equal the corpus', async () => {
    const byModel = YAML.parse(await text('cost_rollup', { groupBy: ['model'] }));
    expect(byModel.totalUsd).toBe(37.01);
    expect(byModel.rows[0]).toMatchObject({ model: 'gpt-5.3-codex', usd: 21.57 });
    expect(byModel.rows.map((r: { model: string }) => r.model)).toEqual(['gpt-5.3-codex', 'glm-5', 'claude-opus-4-6']);
    const byDay = YAML.parse(await text('cost_rollup', { groupBy: ['day', 'model'], sort: 'key', top: 2 }));
    expect(byDay.totalUsd).toBe(37.01);
    expect(byDay.rows).toHaveLength(2);
    expect(byDay.otherRows.rows).toBe(byDay.rowCount - 2);
    const byTool = YAML.parse(await text('cost_rollup', { groupBy: ['tool'], top: 5 }));
    expect(byTool.costBasis).toBe('attributed');
  });

  let wastedSpan = '';
  it('redundant_calls: the waste with dollars and a remedy per kind', async () => {
    const waste = YAML.parse(await text('redundant_calls', { top: 5 }));
    expect(waste.findings).toBeGreaterThan(10);
    expect(waste.wastedUsd).toBeGreaterThan(0);
    const kinds = waste.byKind.map((k: { kind: string }) => k.kind);
    expect(kinds).toEqual(expect.arrayContaining(['poll_loop', 'handoff']));
    expect(waste.byKind.every((k: { remedy: string }) => k.remedy.length > 10)).toBe(true);
    expect(waste.top).toHaveLength(5);
    wastedSpan = waste.top[0].spanId;
    const ofTreeB = YAML.parse(await text('redundant_calls', { sessionId: TREE_B, kind: 'POLL_LOOP' }));
    expect(ofTreeB.byKind.map((k: { kind: string }) => k.kind)).toEqual(['poll_loop']);
    const allOfTreeB = YAML.parse(await text('redundant_calls', { sessionId: TREE_B, top: 1 }));
    expect(allOfTreeB).toMatchObject({ findings: 28, wastedUsd: 1.4, sessionTotalUsd: 31.53, wastedPctOfSession: 4.4 });
  });

  it('get_span: a repeated call with what it repeats and the waste', async () => {
    const span = YAML.parse(await text('get_span', { spanId: wastedSpan }));
    expect(span.id).toBe(wastedSpan);
    expect(span.repeats.earlierSpan).toBeTruthy();
    expect(span.tool).toBeTruthy();
  });

  it('list_skills: the cohorts with sessions and spend', async () => {
    const answer = YAML.parse(await text('list_skills'));
    expect(answer.cohorts).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'AGENT', key: 'build', sessions: 22, usd: 37.01 })]));
    const tasks = YAML.parse(await text('list_skills', { cohortKind: 'TASK', first: 2 }));
    expect(tasks.cohorts).toHaveLength(2);
    expect(tasks.cohorts.every((c: { kind: string }) => c.kind === 'TASK')).toBe(true);
  });

  it('start_distill → get_distill_run → get_skill and its resource', async () => {
    const started = YAML.parse(await text('start_distill', { cohortKind: 'AGENT', cohortKey: 'build' }));
    expect(started).toMatchObject({ skill: 'build', mode: 'OFFLINE' });
    const run = YAML.parse(await text('get_distill_run', { id: started.id, waitSeconds: 60 }));
    expect(run.status).toBe('SUCCEEDED');
    expect(run.patches).toBeGreaterThan(0);
    expect(run.rules.some((r: { action: string }) => r.action === 'prune')).toBe(true);
    const skill = await text('get_skill', { name: 'build' });
    const [header, ...body] = skill.split('\n---\n');
    expect(YAML.parse(header!)).toMatchObject({ skill: 'build', mode: 'OFFLINE', run: started.id });
    expect(body.join('\n---\n')).toContain('## ');
    const resource = await env().client.readResource({ uri: 'clawtrace://skills/build/SKILL.md' });
    const doc = resource.contents[0] as { text: string; mimeType: string };
    expect(doc.mimeType).toBe('text/markdown');
    expect(skill).toContain(doc.text.slice(0, 200));
    const { resources } = await env().client.listResources();
    expect(resources.map((r) => r.uri)).toContain('clawtrace://skills/build/SKILL.md');
    const withDiff = await text('get_skill', { name: 'build', withDiff: true });
    expect(withDiff).toContain('--- diff against the previous version ---');
  });

  it('skill_impact: a skill no session of the corpus ran with has too little data, and says so', async () => {
    const answer = YAML.parse(await text('skill_impact', { skill: 'build' }));
    expect(answer).toMatchObject({ skill: 'build', verdict: 'INSUFFICIENT_DATA' });
    expect(answer.summary).toEqual(expect.any(String));
    const missing = await call('skill_impact', { skill: '' });
    expect(missing.isError).toBe(true);
  });

  it('budget_state: a session no budget covers is OK, with its spend', async () => {
    const answer = YAML.parse(await text('budget_state', { sessionId: TREE_B }));
    expect(answer).toMatchObject({ session: TREE_B, root: TREE_B, status: 'OK' });
    expect(answer.alerts ?? []).toEqual([]); // empty lists are left out of the YAML
    expect(answer.spentUsd).toBe(31.53);
  });

  it('describe_schema: the Query root, then any type', async () => {
    const root = await text('describe_schema');
    expect(root).toContain('type Query {');
    expect(root).toContain('SessionWhere');
    expect(root).not.toContain('type Mutation');
    expect(await text('describe_schema', { type: 'RollupDimension' })).toContain('WEEK');
    const mutation = await call('describe_schema', { type: 'Mutation' });
    expect(mutation).toMatchObject({ isError: true });
    expect(mutation.text).toMatch(/^NOT_FOUND: /);
  });

  it('graphql_query: reads, scoped to the project, its answer capped', async () => {
    const answer = JSON.parse(await text('graphql_query', { query: 'query($id: ID!) { session(id: $id) { id totalCostUsd } models { id } }', variables: { id: TREE_A } }));
    expect(answer.data.session.id).toBe(TREE_A);
    expect(answer.data.models).toHaveLength(3);
    const big = await text('graphql_query', { query: '{ sessions(first: 100) { nodes { id task spans(first: 100) { nodes { id argsCanonical resultPreview } } } } }' });
    expect(big).toMatch(/\[truncated: the answer has \d+ characters/);
    expect(big.length).toBeLessThan(20_500);
  });

  it('graphql_query refuses mutations and subscriptions, and the data stays', async () => {
    const deletion = await call('graphql_query', { query: `mutation { deleteSession(input: { id: "${TREE_A}" }) { deletedSessionIds } }` });
    expect(deletion.isError).toBe(true);
    expect(deletion.text).toMatch(/^FORBIDDEN: graphql_query is read-only: mutation operations are refused/);
    // A mutation hidden behind a named query it is not selected by is refused too.
    const hidden = await call('graphql_query', { query: `query A { pendingSessions } mutation B { deleteSession(input: { id: "${TREE_A}" }) { deletedSpans } }`, operationName: 'B' });
    expect(hidden.text).toMatch(/^FORBIDDEN: /);
    const subscription = await call('graphql_query', { query: 'subscription { sessions { id } }' });
    expect(subscription.text).toMatch(/^FORBIDDEN: .*subscription operations are refused/);
    const still = JSON.parse(await text('graphql_query', { query: `{ session(id: "${TREE_A}") { id } }` }));
    expect(still.data.session.id).toBe(TREE_A);
  });

  it('graphql_query: the API\'s depth, cost and syntax errors come back as tool errors', async () => {
    const deep = await call('graphql_query', { query: `{ span(id: "x") ${'{ parent '.repeat(12)}{ id }${' }'.repeat(12)} }` });
    expect(deep).toMatchObject({ isError: true });
    expect(deep.text).toMatch(/^GRAPHQL_VALIDATION_FAILED: Query depth 14 exceeds the limit of 12/);
    const costly = await call('graphql_query', { query: '{ sessions(first: 100) { nodes { spans(first: 1000) { nodes { id name } } } } }' });
    expect(costly.text).toMatch(/^GRAPHQL_VALIDATION_FAILED: Query cost \d+ exceeds the limit of 50000/);
    const broken = await call('graphql_query', { query: '{ sessions(first: ' });
    expect(broken.text).toMatch(/^GRAPHQL_PARSE_FAILED: Syntax Error/);
    const badArg = await call('graphql_query', { query: '{ sessions(first: 1000) { totalCount } }' });
    expect(badArg.text).toMatch(/^BAD_USER_INPUT: /);
  });

  it('errors are isError results with a code and a message to act on', async () => {
    const missing = await call('get_tracecard', { sessionId: 'openclaw:no-such-session' });
    expect(missing).toEqual({ isError: true, text: 'NOT_FOUND: No session "openclaw:no-such-session" in this project; search_sessions lists session ids' });
    expect((await call('get_span', { spanId: 'nope' })).text).toBe('NOT_FOUND: No span "nope" in this project');
    expect((await call('redundant_calls', { sessionId: 'nope' })).text).toMatch(/^NOT_FOUND: No session "nope"/);
    expect((await call('get_distill_run', { id: 'nope' })).text).toBe('NOT_FOUND: No distill run "nope" in this project');
    expect((await call('get_skill', { name: 'no-such-skill' })).text).toMatch(/^NOT_FOUND: No skill "no-such-skill"/);
    const invalid = await call('get_tracecard', { sessionId: TREE_A, budgetTokens: 10 });
    expect(invalid.isError).toBe(true);
    expect(invalid.text).toMatch(/Input validation error: .*budgetTokens/s);
    const half = await call('start_distill', { cohortKind: 'AGENT' });
    expect(half.text).toBe('BAD_USER_INPUT: Give cohortKind and cohortKey together (list_skills shows both)');
    const claude = await call('start_distill', { skill: 'x', mode: 'CLAUDE' });
    expect(claude).toMatchObject({ isError: true });
    expect(claude.text).toMatch(/^BAD_USER_INPUT: mode CLAUDE needs ANTHROPIC_API_KEY/);
  });

  it('resources: TraceCards listed and read by URI; an unknown one is an error', async () => {
    const { resourceTemplates } = await env().client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate).sort()).toEqual(['clawtrace://sessions/{sessionId}/tracecard', 'clawtrace://skills/{name}/SKILL.md']);
    const { resources } = await env().client.listResources();
    const uri = `clawtrace://sessions/${encodeURIComponent(TREE_B)}/tracecard`;
    expect(resources.map((r) => r.uri)).toContain(uri);
    const read = await env().client.readResource({ uri });
    expect((read.contents[0] as { text: string }).text).toBe(await text('get_tracecard', { sessionId: TREE_B }));
    await expect(env().client.readResource({ uri: 'clawtrace://sessions/openclaw%3Anope/tracecard' })).rejects.toThrow(/No session "openclaw:nope" in this project/);
  });

  it('every answer stays within its cap', () => {
    for (const [name, size] of sizes) expect(size, name).toBeLessThanOrEqual(name === 'graphql_query' ? 20_500 : 12_000);
  });
}
