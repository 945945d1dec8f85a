// From import to a session, as a user does it in a terminal: `bin/clawtrace.mjs import` of the real
// OpenClaw corpus ends with its most expensive sessions (tree B, $31.53 and a lower bound, first)
// and the explorer link; `sessions` filters, sorts and prints JSON; `card` with a prefix that several
// sessions share picks the main session when the others are its sub-agents, else lists the
// candidates and exits 2. Each run is a separate process with NEO4J_URI set and a random project.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../neo4j/launcher.ts';
import { startClawTraceProcess, type ClawTraceProcess } from '../helpers/clawtrace-process.ts';
import { corpus, PROJECT_ROOT } from '../helpers/corpora.ts';
import { randomProjectId } from '../helpers/graph.ts';

const openclaw = randomProjectId('e2e-cli-sessions');
const claudeCode = `${openclaw}-cc`;
const TREE_B = 'openclaw:684637ff-e673-46e4-a1a9-0de622f22f21';
const TREE_A = 'openclaw:3c0cbde4-a641-4a72-9fbb-85be3e57588b';
let port: number;
let imported: { status: number | null; stdout: string; stderr: string };

function clawtrace(args: string[], env: Record<string, string> = {}) {
  const { uri, user, password } = inject('neo4j');
  const result = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'clawtrace.mjs'), ...args], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      NEO4J_URI: uri,
      ...(user ? { NEO4J_USER: user } : {}),
      ...(password ? { NEO4J_PASSWORD: password } : {}),
      CLAWTRACE_PORT: String(port),
      ...env,
    },
    encoding: 'utf8',
    timeout: 300_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const width = (line: string) => [...line].length;

beforeAll(async () => {
  // Nothing listens here: the import must say how to start the engine.
  port = await freePort();
  imported = clawtrace(['import', corpus('openclaw-volvox-bot'), '--project', openclaw]);
});

describe('clawtrace import', () => {
  it('ends with the most expensive sessions it wrote, tree B first, and where to open them', () => {
    expect(imported.status, imported.stderr).toBe(0);
    const lines = imported.stdout.trimEnd().split('\n');
    // The summary above is unchanged; the top sessions close it.
    expect(imported.stdout).toMatch(/rejected\s+0 records\nMost expensive sessions \(inclusive of their sub-agents\):\n/);
    const top = lines.slice(lines.indexOf('Most expensive sessions (inclusive of their sub-agents):') + 1);
    expect(top[0]).toMatch(/^ {2}ref\s+cost\s+agent\s+title$/);
    // Tree B's inclusive total misses the sub-agent whose transcript is not in the corpus: a lower bound.
    expect(top[1]).toMatch(/^ {2}684637ff\s+≥\$31\.53\s+build\s+\[cron:8b380d56… PR Review Patrol/);
    expect(top[2]).toMatch(/^ {2}3c0cbde4\s+\$5\.48\s+build\s+\[cron:8b380d56… PR Review Patrol/);
    // Only the two trees: their sub-agents' costs are inside these totals.
    expect(top[3]).toMatch(/^ {2}≥ a lower bound/);
    expect(imported.stdout).toContain(`card:     clawtrace card 684637ff --project ${openclaw}`);
    expect(imported.stdout).toContain(`explorer: http://127.0.0.1:${port}/ui/#/session/${TREE_B}`);
    expect(imported.stdout).toContain('(the engine is not running: start it with npm start)');
    for (const line of top.filter((l) => !l.includes('http') && !l.includes(openclaw))) expect(width(line), line).toBeLessThanOrEqual(80);
    // Not a terminal: one progress line per file and per batch of spans, not one per folder.
    const progress = imported.stderr.split('\n').filter((l) => l.startsWith('import '));
    expect(progress.filter((l) => /^import read \d+\/22 files /.test(l))).toHaveLength(22);
    // Two chunks (2,500 + 629 spans) are written concurrently: either may commit first.
    const written = progress.filter((l) => /^import write \d+\/3129 spans$/.test(l));
    expect(written).toHaveLength(2);
    expect(['import write 2500/3129 spans', 'import write 629/3129 spans']).toContain(written[0]);
    expect(written[1]).toBe('import write 3129/3129 spans');
    expect(progress.at(-1)).toMatch(/^import 22 files, 3129 spans, 22 sessions, done in \d+\.\d s$/);
    for (const line of progress) expect(width(line), line).toBeLessThanOrEqual(80);
  });

  it('--json carries the same sessions with ids, refs, costs and links', () => {
    const again = clawtrace(['import', corpus('openclaw-volvox-bot'), '--project', openclaw, '--json']);
    expect(again.status, again.stderr).toBe(0);
    const report = JSON.parse(again.stdout) as {
      sessions: number;
      topSessions: Array<{ id: string; ref: string; costUsd: number; costIsLowerBound: boolean; agent: string; url: string }>;
      explorerUrl: string;
      engineRunning: boolean;
    };
    expect(report.sessions).toBe(22);
    expect(report.topSessions.map((s) => s.id)).toEqual([TREE_B, TREE_A]);
    expect(report.topSessions[0]).toMatchObject({ ref: '684637ff', agent: 'build', costIsLowerBound: true });
    expect(report.topSessions[0]!.costUsd).toBeCloseTo(31.53, 2);
    expect(report.explorerUrl).toBe(`http://127.0.0.1:${port}/ui/#/session/${TREE_B}`);
    expect(report.engineRunning).toBe(false);
  });

  it('says nothing about starting the engine when it runs', async () => {
    let engine: ClawTraceProcess | undefined;
    try {
      engine = await startClawTraceProcess({ neo4jUri: inject('neo4j').uri, port });
      const again = clawtrace(['import', corpus('openclaw-volvox-bot', 'agents', 'build', 'sessions', '3c0cbde4-a641-4a72-9fbb-85be3e57588b.jsonl'), '--project', openclaw]);
      expect(again.status, again.stderr).toBe(0);
      expect(again.stdout).toContain(`explorer: http://127.0.0.1:${port}/ui/#/session/${TREE_A}`);
      expect(again.stdout).not.toContain('npm start');
    } finally {
      await engine?.kill();
    }
  });
});

describe('clawtrace sessions', () => {
  it('lists the latest first, 20 by default, in 80 columns, each with a ref', () => {
    const listed = clawtrace(['sessions', '--project', openclaw]);
    expect(listed.status, listed.stderr).toBe(0);
    const lines = listed.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ref\s+started \(UTC\)\s+role\s+agent\s+cost\s+title$/);
    expect(lines[1]).toMatch(/^fad2602d\s+2026-02-18 09:53\s+subagent\s+build\s+\$0\.13\s+PR patrol batch worker/);
    expect(lines.filter((l) => /^[0-9a-f]{8}\s/.test(l))).toHaveLength(20);
    expect(listed.stdout).toContain('20 of 22 sessions, latest first (--limit for more)');
    for (const line of lines) expect(width(line), line).toBeLessThanOrEqual(80);
  });

  it('sorts by inclusive cost and filters by role, cost, date, agent, source and task text', () => {
    const dearest = clawtrace(['sessions', '--project', openclaw, '--sort', 'cost', '--limit', '3']);
    expect(dearest.stdout.split('\n').slice(1, 4).map((l) => l.split(/\s+/)[0])).toEqual(['684637ff', '69cf0233', '3c0cbde4']);
    expect(dearest.stdout).toMatch(/^684637ff .*≥\$31\.53/m);
    expect(dearest.stdout).toContain('≥ a lower bound');

    const json = (args: string[]) => {
      const run = clawtrace(['sessions', '--project', openclaw, '--json', ...args]);
      expect(run.status, run.stderr).toBe(0);
      return JSON.parse(run.stdout) as { total: number; sessions: Array<{ id: string; ref: string; role: string; costUsd: number; startedAt: string; url: string }> };
    };
    const mains = json(['--role', 'main', '--sort', 'cost']);
    expect(mains.total).toBe(2);
    expect(mains.sessions.map((s) => s.id)).toEqual([TREE_B, TREE_A]);
    expect(mains.sessions[0]!.url).toBe(`http://127.0.0.1:${port}/ui/#/session/${TREE_B}`);

    expect(json(['--min-cost', '5']).sessions.map((s) => s.ref).sort()).toEqual(['3c0cbde4', '6113683f', '684637ff', '69cf0233']);
    // Tree B ran before 09:00 on the 18th, tree A after: the date bounds split them.
    const early = json(['--until', '2026-02-18T09:00:00Z', '--limit', '100']);
    expect(early.total).toBe(14);
    expect(early.sessions.every((s) => s.startedAt < '2026-02-18T09:00:00Z')).toBe(true);
    expect(json(['--since', '2026-02-18T09:00:00Z']).total).toBe(8);
    expect(json(['--since', '2026-02-18', '--until', '2026-02-18']).total).toBe(22);
    expect(json(['--agent', 'build']).total).toBe(22);
    expect(json(['--source', 'openclaw']).total).toBe(22);
    const fix = json(['--search', 'pr review FIX']);
    expect(fix.total).toBeGreaterThan(0);
    expect(fix.total).toBeLessThan(22);
    const bySpans = json(['--sort', 'spans', '--limit', '22']);
    expect(bySpans.sessions).toHaveLength(22);
  });

  it('says so when nothing matches, and refuses a date it cannot read', () => {
    const none = clawtrace(['sessions', '--project', openclaw, '--agent', 'nobody']);
    expect(none.status).toBe(0);
    expect(none.stdout).toMatch(/^No sessions match/);
    const bad = clawtrace(['sessions', '--project', openclaw, '--since', 'yesterday']);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('not a date: "yesterday"');
  });
});

describe('clawtrace card with a prefix several sessions share', () => {
  it('picks tree B when the other matches are its sub-agents (684637ff and two of its sub-agents start with 6)', () => {
    const card = clawtrace(['card', '6', '--project', openclaw]);
    expect(card.status, card.stderr).toBe(0);
    expect(card.stdout).toContain(`id: ${TREE_B}`);
  });

  it('lists the candidates and exits 2 when they are not one session and its sub-agents', () => {
    // 3c0cbde4 is tree A; 31f7743b is a sub-agent of tree B.
    const card = clawtrace(['card', '3', '--project', openclaw]);
    expect(card.status).toBe(2);
    expect(card.stdout).toBe('');
    const lines = card.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('clawtrace card: "3" matches 2 sessions; give one of these refs:');
    expect(lines[1]).toMatch(/^ {2}ref\s+role\s+agent\s+cost\s+title$/);
    expect(card.stderr).toMatch(/ {2}31f7743b\s+subagent\s+build\s+\$0\.57\s+## PR #75 Batch 4\/4/);
    expect(card.stderr).toMatch(/ {2}3c0cbde4\s+main\s+build\s+\$5\.48\s+\[cron:8b380d56…/);
    for (const line of lines) expect(width(line), line).toBeLessThanOrEqual(80);
    // A ref from the list names one session.
    const one = clawtrace(['card', '31f7743b', '--project', openclaw]);
    expect(one.status, one.stderr).toBe(0);
    expect(one.stdout).toContain('id: openclaw:31f7743b-7b70-4a58-b360-f11a09b49a4f');
  });

  it('picks the Claude Code session its sub-agent and warm-up runs share a prefix with; their refs name each of them', () => {
    const folder = corpus('claude-code-log-real-projects', '-Users-dain-workspace-coderabbit-review-helper');
    const cc = clawtrace(['import', folder, '--project', claudeCode]);
    expect(cc.status, cc.stderr).toBe(0);
    const main = clawtrace(['card', 'cb2e607c', '--project', claudeCode]);
    expect(main.status, main.stderr).toBe(0);
    expect(main.stdout).toContain('id: claude-code:cb2e607c-c758-415a-8b45-c49e4631906a\n');
    const listed = clawtrace(['sessions', '--project', claudeCode, '--role', 'subagent']);
    expect(listed.stdout).toMatch(/^agent-ea02459f\s/m);
    const sub = clawtrace(['card', 'agent-ea02459f', '--project', claudeCode]);
    expect(sub.status, sub.stderr).toBe(0);
    expect(sub.stdout).toContain('id: claude-code:cb2e607c-c758-415a-8b45-c49e4631906a:agent-ea02459f\n');
  });

  it('says which project holds no such session (exit 1)', () => {
    const none = clawtrace(['card', 'ffffffff', '--project', openclaw]);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain(`no session "ffffffff" in project ${openclaw}`);
  });
});

