// OpenClaw 2026.9+ keeps transcripts in a SQLite store per agent (transcript_events rows, header
// version 4, large lines zstd-compressed). Importing a store must give exactly what importing the
// same lines as v3 JSONL files gives; rejections are located `<db>#<session>:<seq>`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NormalisedBatch } from '../../../src/domain/model.ts';
import { createPricer } from '../../../src/domain/cost/index.ts';
import { importFiles } from '../../../src/ingest/import-files.ts';
import { discover } from '../../../src/sources/discover.ts';
import { isOpenClawTranscript, parseOpenClaw } from '../../../src/sources/openclaw/index.ts';
import { sqliteTableNames } from '../../../src/sources/openclaw/sqlite-file.ts';
import { readOpenClawStore } from '../../../src/sources/openclaw/sqlite-store.ts';
import { parseGroup } from '../../../src/sources/parse-group.ts';
import { lineText, writeJsonlTranscripts, writeOpenClawStore, writeStoreWithWal, type StoredSession } from '../../helpers/openclaw-sqlite.ts';

const T0 = Date.parse('2026-09-10T10:00:00.000Z');
const iso = (ms: number) => new Date(T0 + ms).toISOString();
type Line = Record<string, unknown>;

const header = (id: string, atMs = 0, version = 4): Line => ({ type: 'session', version, id, timestamp: iso(atMs), cwd: '/work' });
const entry = (id: string, atMs: number, message: Line): Line => ({ type: 'message', id, parentId: null, timestamp: iso(atMs), message });
const user = (id: string, atMs: number, text: string) => entry(id, atMs, { role: 'user', content: [{ type: 'text', text }] });
function assistant(id: string, atMs: number, content: unknown[], cost: number, model = 'fake-model', provider = 'fake'): Line {
  const usage = { input: 700, output: 20, cacheRead: 128, cacheWrite: 0, totalTokens: 848, cost: { total: cost } };
  return entry(id, atMs, { role: 'assistant', content, api: 'openai-completions', provider, model, usage, stopReason: 'stop', timestamp: T0 + atMs - 400 });
}
const toolResult = (id: string, atMs: number, toolCallId: string, toolName: string, text: string, details?: Line) =>
  entry(id, atMs, { role: 'toolResult', toolCallId, toolName, content: [{ type: 'text', text }], isError: false, ...(details ? { details } : {}) });

const BIG_FILE = 'hello from the workspace\n'.repeat(400);
const TASK = 'Check the logs for errors';

/** A parent that reads a (big: stored compressed) file, spawns a sub-agent and answers; and the child. */
const SESSIONS: StoredSession[] = [
  {
    sessionId: 'parent-1',
    sessionKey: 'agent:main:main',
    compressed: new Set([4]),
    lines: [
      header('parent-1'),
      { type: 'model_change', id: 'm0', parentId: null, timestamp: iso(1), provider: 'fake', modelId: 'fake-model' },
      user('u0', 10, 'read hello.txt, then spawn a reader'),
      assistant('a1', 1000, [{ type: 'toolCall', id: 'call_1', name: 'read', arguments: { path: 'hello.txt' } }], 0.0021),
      toolResult('r1', 1100, 'call_1', 'read', BIG_FILE),
      assistant('a2', 2000, [{ type: 'toolCall', id: 'call_2', name: 'sessions_spawn', arguments: { task: TASK, label: 'logs' } }], 0.0022),
      toolResult('r2', 2300, 'call_2', 'sessions_spawn', 'accepted', { status: 'accepted', childSessionKey: 'agent:main:subagent:k1', runId: 'run-1' }),
      assistant('a3', 3000, [{ type: 'text', text: 'Done.' }], 0.0023),
      assistant('a4', 3100, [{ type: 'text', text: 'Done.' }], 0, 'delivery-mirror', 'openclaw'),
    ],
  },
  {
    sessionId: 'child-1',
    sessionKey: 'agent:main:subagent:k1',
    lines: [
      header('child-1', 1500),
      user('c0', 1510, `[Subagent Context] You are running as a subagent (depth 1/1).\n\n[Subagent Task]: ${TASK}`),
      assistant('c1', 2500, [{ type: 'text', text: 'No errors.' }], 0.5),
    ],
  },
];

let root: string;
let store: string;
let jsonlDir: string;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'clawtrace-oc-sqlite-'));
  store = path.join(root, 'store', 'agents', 'main', 'agent', 'openclaw-agent.sqlite');
  await writeOpenClawStore(store, SESSIONS);
  // The same lines as v3 files, with the sessions.json that names the same session keys.
  jsonlDir = path.join(root, 'jsonl', 'agents', 'main', 'sessions');
  writeJsonlTranscripts(jsonlDir, SESSIONS, 3);
  const keys = Object.fromEntries(SESSIONS.map((s) => [s.sessionKey, { sessionId: s.sessionId }]));
  fs.writeFileSync(path.join(jsonlDir, 'sessions.json'), JSON.stringify(keys));
});
afterAll(() => {
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

/** A batch with the one thing that must differ (where each session was read) taken out. */
function withoutOrigins(batch: NormalisedBatch) {
  return { ...batch, sessions: batch.sessions.map(({ origin: _origin, ...rest }) => rest) };
}

async function parseOnly(dir: string): Promise<NormalisedBatch> {
  const { groups } = discover([dir]);
  expect(groups).toHaveLength(1);
  return parseGroup(groups[0]!);
}

describe('transcript header version 4', () => {
  it('is detected and read like version 3 (same entry shapes)', async () => {
    expect(isOpenClawTranscript('s.jsonl', JSON.stringify(header('s', 0, 4)))).toBe(true);
    expect(isOpenClawTranscript('s.jsonl', JSON.stringify(header('s', 0, 5)))).toBe(false);
    const v4Dir = path.join(root, 'v4', 'agents', 'main', 'sessions');
    writeJsonlTranscripts(v4Dir, SESSIONS, 4);
    fs.copyFileSync(path.join(jsonlDir, 'sessions.json'), path.join(v4Dir, 'sessions.json'));
    const [v3, v4] = [await parseOnly(jsonlDir), await parseOnly(v4Dir)];
    expect(v4.rejections).toEqual([]);
    expect(withoutOrigins(v4)).toEqual(withoutOrigins(v3));
  });

  it('still rejects other versions', () => {
    const text = [header('s', 0, 2), user('u0', 10, 'hi')].map(lineText).join('\n');
    const batch = parseOpenClaw([{ path: '/x/s.jsonl', text }]);
    expect(batch.rejections).toEqual([{ location: '/x/s.jsonl:1', reason: expect.stringMatching(/unsupported transcript version 2 \(expected 3 or 4\)/) as unknown as string }]);
  });
});

describe('OpenClaw SQLite store', () => {
  it('is discovered as one openclaw group', () => {
    const { groups, skipped } = discover([path.join(root, 'store')]);
    expect(skipped).toEqual([]);
    expect(groups).toEqual([{ format: 'openclaw', key: path.dirname(store), files: [store] }]);
  });

  it('gives the same sessions, spans, spawns and costs as the same lines in v3 JSONL files', async () => {
    const [fromStore, fromJsonl] = [await parseOnly(path.join(root, 'store')), await parseOnly(jsonlDir)];
    expect(fromStore.rejections).toEqual([]);
    expect(withoutOrigins(fromStore)).toEqual(withoutOrigins(fromJsonl));
    expect(fromStore.sessions.map((s) => [s.externalId, s.origin, s.agentId, s.sessionKey, s.role])).toEqual([
      ['child-1', `${store}#child-1`, 'main', 'agent:main:subagent:k1', 'subagent'],
      ['parent-1', `${store}#parent-1`, 'main', 'agent:main:main', 'main'],
    ]);
    // The compressed line was read: the read tool's result is the big file.
    expect(fromStore.spans.find((s) => s.kind === 'TOOL' && s.toolName === 'read')?.result).toContain('hello from the workspace');
    expect(fromStore.spawns).toMatchObject([{ status: 'linked' }]);
    // 3 model calls in the parent (the delivery mirror is not one) and 1 in the child.
    const llm = fromStore.spans.filter((s) => s.kind === 'LLM');
    expect(llm).toHaveLength(4);
    expect(llm.reduce((n, s) => n + (s.reportedCostUsd ?? 0), 0)).toBeCloseTo(0.5066, 9);
  });

  it('imports (dry run) with the same summary as the JSONL files', async () => {
    const run = (dir: string) => importFiles(undefined, { paths: [dir], projectId: 'p', pricer: createPricer(), dryRun: true });
    const [fromStore, fromJsonl] = [await run(path.join(root, 'store')), await run(jsonlDir)];
    const summary = (r: Awaited<ReturnType<typeof run>>) => ({
      sessions: r.sessions,
      spans: r.spans,
      spawns: r.spawns,
      costBySource: r.costBySource,
      rejections: r.rejections,
      sessionIds: [...r.sessionIds].sort(),
    });
    expect(summary(fromStore)).toEqual(summary(fromJsonl));
    expect(fromStore.sessions).toBe(2);
    expect(fromStore.costBySource.reported.usd).toBeCloseTo(0.5066, 9);
  });

  it('locates rejections as <db>#<session_id>:<seq> and keeps the good rows', async () => {
    const db = path.join(root, 'bad', 'agents', 'main', 'agent', 'openclaw-agent.sqlite');
    await writeOpenClawStore(db, [
      {
        sessionId: 's1',
        compressed: new Map([[3, new Uint8Array([1, 2, 3, 4])]]),
        lines: [header('s1'), user('u0', 10, 'go'), 'not json', 'corrupt', assistant('a1', 1000, [], 0.1), assistant('a1', 1100, [], 0.1)],
      },
      { sessionId: 's2', lines: [header('s2', 0, 2), user('u0', 10, 'hi')] },
    ]);
    const batch = await parseOnly(path.dirname(db));
    expect(batch.rejections.map((r) => r.location)).toEqual([`${db}#s1:2`, `${db}#s1:3`, `${db}#s1:5`, `${db}#s2:0`]);
    expect(batch.rejections[0]!.reason).toMatch(/^invalid JSON/);
    expect(batch.rejections[1]!.reason).toMatch(/^compressed line \(event_zstd\) unreadable/);
    expect(batch.rejections[2]!.reason).toBe('duplicate entry id a1 (first used on line 4)');
    expect(batch.rejections[3]!.reason).toMatch(/unsupported transcript version 2/);
    expect(batch.spans.map((s) => s.id)).toEqual(['openclaw:s1:root', 'openclaw:s1:a1']);
  });

  it('finds stores by their transcript_events table, and skips other SQLite files', async () => {
    const dir = path.join(root, 'mixed');
    fs.mkdirSync(dir, { recursive: true });
    const copy = path.join(dir, 'backup-2026-09.sqlite');
    fs.copyFileSync(store, copy);
    fs.writeFileSync(`${copy}-wal`, ''); // a companion: read with the store, never listed on its own
    const other = path.join(dir, 'openclaw.sqlite');
    await writeOpenClawStore(other, []);
    const initSqlJs = (await import('sql.js')).default;
    const SQL = await initSqlJs();
    const plain = new SQL.Database();
    plain.run('CREATE TABLE cron_jobs (id TEXT)');
    fs.writeFileSync(other, plain.export());
    plain.close();
    fs.writeFileSync(path.join(dir, 'gateway.lock.sqlite'), '');
    expect(sqliteTableNames(copy)?.has('transcript_events')).toBe(true);
    expect(sqliteTableNames(other)).toEqual(new Set(['cron_jobs']));

    const { groups, skipped } = discover([dir]);
    expect(groups.map((g) => g.files)).toEqual([[copy]]);
    expect(skipped.map((s) => path.basename(s.file))).toEqual(['gateway.lock.sqlite', 'openclaw.sqlite']);
  });

  it('reads rows that are still only in the write-ahead log', async () => {
    const db = path.join(root, 'wal', 'agents', 'main', 'agent', 'openclaw-agent.sqlite');
    const [first, second] = SESSIONS as [StoredSession, StoredSession];
    writeStoreWithWal(db, [{ ...second, compressed: undefined }], [{ ...first, compressed: undefined }]);
    expect(fs.statSync(`${db}-wal`).size).toBeGreaterThan(0);
    // Without its log, the file holds only the checkpointed session...
    const mainOnly = path.join(root, 'wal-main-only.sqlite');
    fs.copyFileSync(db, mainOnly);
    expect((await readOpenClawStore(mainOnly)).transcripts.map((t) => t.path)).toEqual([`${mainOnly}#child-1`]);
    // ...and with it, both, row for row.
    const read = await readOpenClawStore(db);
    expect(read.rejections).toEqual([]);
    expect(read.transcripts.map((t) => [t.path, t.lines.map((l) => l.text)])).toEqual([
      [`${db}#child-1`, second.lines.map(lineText)],
      [`${db}#parent-1`, first.lines.map(lineText)],
    ]);
  });
});
