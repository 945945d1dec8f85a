// OpenClaw transcript artefacts on real files: a reset splits a session into
// `<id>.jsonl.reset.<ts>` (with the header) and a headerless `<id>.jsonl` that goes on; archives may
// be zstd-compressed; backup and checkpoint copies repeat entries; trajectories are not transcripts.
//
// The files are DERIVED from the real volvox-bot transcripts (../shared/corpora/openclaw-volvox-bot):
// a real transcript is cut at several points into the two files a reset leaves, so the expected
// answer is known — the import of the pieces must equal the import of the whole file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NormalisedBatch } from '../../../src/domain/model.ts';
import { discover, type ArchiveKind } from '../../../src/sources/discover.ts';
import { parseGroup } from '../../../src/sources/parse-group.ts';
import { corpus } from '../../helpers/corpora.ts';
import { zstdCompress } from '../../helpers/openclaw-sqlite.ts';

const SESSIONS = corpus('openclaw-volvox-bot', 'agents', 'build', 'sessions');
/** Two real main sessions: tree A's parent (393 lines, 7 spawns) and a plain one (103 lines). */
const SPLIT_SESSIONS = ['684637ff-e673-46e4-a1a9-0de622f22f21', '3c0cbde4-a641-4a72-9fbb-85be3e57588b'];
const RESET_SUFFIX = '.reset.2026-02-18T20-00-00.000Z';

let tmpRoot: string;
beforeAll(() => {
  tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'clawtrace-oc-archives-'));
});
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));

/** A copy of the real sessions folder under a fresh temporary agents/<id>/sessions path. */
function copyOfSessions(name: string): string {
  const dir = path.join(tmpRoot, name, 'agents', 'build', 'sessions');
  fs.mkdirSync(dir, { recursive: true });
  for (const file of fs.readdirSync(SESSIONS)) fs.copyFileSync(path.join(SESSIONS, file), path.join(dir, file));
  return dir;
}

async function importDir(dir: string, skipArchives: ArchiveKind[] = []): Promise<NormalisedBatch & { skipped: Array<{ file: string; reason: string }> }> {
  const { groups, skipped } = discover([dir], { skipArchives });
  expect(groups).toHaveLength(1);
  return { ...(await parseGroup(groups[0]!)), skipped };
}

/** The batch without where it was read from (file paths differ between copies). */
function content(batch: NormalisedBatch) {
  return {
    sessions: batch.sessions.map(({ origin: _origin, ...rest }) => rest).sort((a, b) => (a.id < b.id ? -1 : 1)),
    spans: [...batch.spans].sort((a, b) => (a.id < b.id ? -1 : 1)),
    spawns: [...batch.spawns].sort((a, b) => (a.spanId < b.spanId ? -1 : 1)),
    rejections: batch.rejections.length,
  };
}

function lines(file: string): string[] {
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
}

/** Independent sum: usage.cost.total of the assistant messages in these lines. */
function recordedCost(jsonLines: string[]): number {
  let total = 0;
  for (const line of jsonLines) {
    const entry = JSON.parse(line) as { type?: string; message?: { role?: string; usage?: { cost?: { total?: number } } } };
    if (entry.type === 'message' && entry.message?.role === 'assistant') total += entry.message.usage?.cost?.total ?? 0;
  }
  return total;
}

const costOf = (batch: NormalisedBatch, sessionId: string) =>
  batch.spans.filter((s) => s.sessionId === sessionId).reduce((sum, s) => sum + (s.reportedCostUsd ?? 0), 0);

describe('OpenClaw reset continuations, archives and copies (real transcripts, derived splits)', () => {
  let whole: NormalisedBatch;
  beforeAll(async () => {
    whole = await importDir(copyOfSessions('whole'));
  });

  it.each(SPLIT_SESSIONS.flatMap((sid) => [0.2, 0.5, 0.8].map((at) => [sid, at] as const)))(
    'session %s cut at %d: the headerless continuation joins its reset archive, and nothing changes',
    async (sid, at) => {
      const dir = copyOfSessions(`split-${sid}-${at}`);
      const live = path.join(dir, `${sid}.jsonl`);
      const all = lines(live);
      const cut = Math.max(2, Math.round(all.length * at));
      fs.writeFileSync(`${live}${RESET_SUFFIX}`, `${all.slice(0, cut).join('\n')}\n`);
      fs.writeFileSync(live, `${all.slice(cut).join('\n')}\n`);
      const split = await importDir(dir);
      expect(split.rejections).toEqual([]);
      expect(content(split)).toEqual(content(whole));
    },
  );

  it('--skip-reset: the continuation alone is its own calls, at the cost the file records', async () => {
    const sid = SPLIT_SESSIONS[1]!;
    const dir = copyOfSessions('skip-reset');
    const live = path.join(dir, `${sid}.jsonl`);
    const all = lines(live);
    const cut = Math.round(all.length / 2);
    fs.writeFileSync(`${live}${RESET_SUFFIX}`, `${all.slice(0, cut).join('\n')}\n`);
    fs.writeFileSync(live, `${all.slice(cut).join('\n')}\n`);

    const continuation = await importDir(dir, ['reset']);
    expect(continuation.skipped).toContainEqual({ file: `${live}${RESET_SUFFIX}`, reason: 'reset OpenClaw transcript (left out by --skip-reset)' });
    const session = continuation.sessions.find((s) => s.id === `openclaw:${sid}`);
    expect(session).toBeDefined();
    const expected = recordedCost(all.slice(cut));
    expect(expected).toBeGreaterThan(0);
    expect(costOf(continuation, `openclaw:${sid}`)).toBeCloseTo(expected, 9);
    // Without the skip both halves count: the whole file's cost.
    const both = await importDir(dir);
    expect(costOf(both, `openclaw:${sid}`)).toBeCloseTo(recordedCost(all), 9);
  });

  it('a zstd-compressed reset archive (.zst) is read like a plain one', async () => {
    const sid = SPLIT_SESSIONS[0]!;
    const dir = copyOfSessions('zst');
    const live = path.join(dir, `${sid}.jsonl`);
    const all = lines(live);
    const cut = Math.round(all.length / 3);
    fs.writeFileSync(`${live}${RESET_SUFFIX}.zst`, zstdCompress(Buffer.from(`${all.slice(0, cut).join('\n')}\n`)));
    fs.writeFileSync(live, `${all.slice(cut).join('\n')}\n`);
    const split = await importDir(dir);
    expect(split.rejections).toEqual([]);
    expect(content(split)).toEqual(content(whole));
  });

  it('backup and pre-compaction checkpoint copies never count a call twice', async () => {
    const sid = SPLIT_SESSIONS[0]!;
    const dir = copyOfSessions('copies');
    const live = path.join(dir, `${sid}.jsonl`);
    const all = lines(live);
    fs.writeFileSync(path.join(dir, `${sid}.jsonl.bak.2026-02-18T10-00-00.000Z`), `${all.slice(0, 100).join('\n')}\n`);
    fs.writeFileSync(path.join(dir, `${sid}.checkpoint.0b9d3c1e-5a0f-4c2e-9d5b-2f1e8a7c6b4d.jsonl`), `${all.slice(0, 250).join('\n')}\n`);
    const withCopies = await importDir(dir);
    expect(withCopies.rejections).toEqual([]);
    expect(content(withCopies)).toEqual(content(whole));
  });

  it('--skip-deleted leaves out soft-deleted transcripts (completed sub-agents): their spawns show as missing', async () => {
    const dir = copyOfSessions('skip-deleted');
    const batch = await importDir(dir, ['deleted']);
    const deletedFiles = fs.readdirSync(dir).filter((f) => f.includes('.jsonl.deleted.'));
    expect(batch.skipped.filter((s) => s.reason === 'deleted OpenClaw transcript (left out by --skip-deleted)')).toHaveLength(deletedFiles.length);
    expect(batch.sessions.map((s) => s.id).sort()).toEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).map((f) => `openclaw:${f.slice(0, -'.jsonl'.length)}`).sort());
    expect(batch.spawns.filter((s) => s.status === 'linked')).toEqual([]);
  });

  it('a trajectory file beside the transcripts is skipped, saying what it is', async () => {
    const dir = copyOfSessions('trajectory');
    const trajectory = path.join(dir, `${SPLIT_SESSIONS[1]}.trajectory.jsonl`);
    fs.writeFileSync(trajectory, `${JSON.stringify({ type: 'step', id: 'x', parentId: null, timestamp: '2026-02-18T09:05:00.000Z' })}\n`);
    const batch = await importDir(dir);
    expect(batch.skipped).toContainEqual({ file: trajectory, reason: expect.stringMatching(/^OpenClaw runtime trajectory/) as unknown as string });
    expect(content(batch)).toEqual(content(whole));
  });
});
