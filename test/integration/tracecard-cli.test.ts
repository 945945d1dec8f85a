// `clawtrace card` through its command function (the CLI's action): --file imports then prints the
// card of each root session of the file; a session id, external id or prefix prints one card.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { inject } from 'vitest';
import { parse } from 'yaml';
import { runCard } from '../../src/cli/card-command.ts';
import { loadTraceCardSchema, validateJson } from '../../src/tracecard/json-schema.ts';
import { corpus } from '../helpers/corpora.ts';
import { randomProjectId } from '../helpers/graph.ts';

const project = randomProjectId('tracecard-cli');
const saved = { uri: process.env.NEO4J_URI, user: process.env.NEO4J_USER, password: process.env.NEO4J_PASSWORD };

beforeAll(() => {
  // The command connects like the CLI does (withGraph reads NEO4J_URI): point it at the test Neo4j.
  const neo4j = inject('neo4j');
  process.env.NEO4J_URI = neo4j.uri;
  if (neo4j.user) process.env.NEO4J_USER = neo4j.user;
  if (neo4j.password) process.env.NEO4J_PASSWORD = neo4j.password;
});
afterAll(() => {
  for (const [key, value] of [['NEO4J_URI', saved.uri], ['NEO4J_USER', saved.user], ['NEO4J_PASSWORD', saved.password]] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});
afterEach(() => vi.restoreAllMocks());

async function run(sessionRef: string | undefined, options: { file?: string; budget?: number }): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    err += `${args.join(' ')}\n`;
  });
  const code = await runCard(sessionRef, { ...options, project });
  vi.restoreAllMocks();
  return { code, out, err };
}

const CLAUDE_P = 'claude-code:29ccd257-68b1-427f-ae5f-6524b7cb6f20';

describe('clawtrace card', () => {
  it('--file imports a transcript and prints the card of its session', async () => {
    const file = corpus('claude-code-log-real-projects', '-src-experiments-claude_p', '29ccd257-68b1-427f-ae5f-6524b7cb6f20.jsonl');
    const { code, out } = await run(undefined, { file });
    expect(code).toBe(0);
    const card = parse(out) as { session: { id: string } };
    expect(card.session.id).toBe(CLAUDE_P);
    expect(validateJson(card, loadTraceCardSchema())).toEqual([]);
  });

  it('prints the same card by id, by the source\'s own id prefix, within the budget given', async () => {
    const byId = await run(CLAUDE_P, {});
    const byPrefix = await run('29ccd257', {});
    expect(byId.code).toBe(0);
    expect(byPrefix.out).toBe(byId.out);
    const small = await run(CLAUDE_P, { budget: 300 });
    expect(small.out.length).toBeLessThan(byId.out.length);
    expect(small.out).toMatch(/truncated:\n {2}budgetTokens: 300\n/);
  });

  it('says so when the session is unknown; a prefix the session shares with its sub-agent means the session', async () => {
    const missing = await run('no-such-session', {});
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/no session "no-such-session"/);
    // `claude-code:29ccd257` is also the start of its sub-agent's id (`…:agent-a2271d1`, not imported
    // here: a placeholder). Candidates that are not one session and its sub-agents: cli-sessions.test.ts.
    const shared = await run('claude-code:29ccd257', {});
    expect(shared.code).toBe(0);
    expect(shared.out).toBe((await run(CLAUDE_P, {})).out);
  });
});
