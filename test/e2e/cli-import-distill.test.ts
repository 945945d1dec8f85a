// The CLI as a user runs it: `clawtrace import` of the τ-bench corpus (exit 0, a summary), then
// `clawtrace distill --mode OFFLINE --out SKILL.md`: a well-formed, in-budget SKILL.md whose prune
// rules cite evidence, with the run stored in the graph; and `import` of a malformed file exits
// non-zero naming file:line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Graph } from '../../src/graph/driver.ts';
import { corpus, PROJECT_ROOT } from '../helpers/corpora.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';

const TSX = path.join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const project = randomProjectId('e2e-cli');
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clawtrace-cli-'));
let graph: Graph;

function cli(...args: string[]) {
  const { uri, user, password } = inject('neo4j');
  const env: NodeJS.ProcessEnv = { ...process.env, NEO4J_URI: uri, ...(user ? { NEO4J_USER: user } : {}), ...(password ? { NEO4J_PASSWORD: password } : {}) };
  delete env.ANTHROPIC_API_KEY;
  const result = spawnSync(process.execPath, [TSX, 'src/cli/main.ts', ...args], { cwd: PROJECT_ROOT, env, encoding: 'utf8', timeout: 300_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  graph = await connectTestGraph();
});
afterAll(async () => {
  fs.rmSync(workDir, { recursive: true, force: true });
  await graph?.close();
});

describe('clawtrace import and distill', () => {
  it('imports τ-bench and distils an in-budget SKILL.md whose prunes cite evidence', async () => {
    const imported = cli('import', corpus('tau-bench'), '--project', project);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/sessions\s+200/);
    expect(imported.stdout).toMatch(/rejected\s+0 records/);

    const out = path.join(workDir, 'SKILL.md');
    const distilled = cli('distill', '--skill', 'tau-airline', '--mode', 'OFFLINE', '--budget', '1200', '--out', out, '--project', project, '--json');
    expect(distilled.status, distilled.stderr).toBe(0);
    const skill = fs.readFileSync(out, 'utf8');
    for (const section of ['Trigger', 'Workflow', 'Stop rules', 'Artifact checklist', 'Cost control']) expect(skill).toContain(section);
    // The budget is enforced: the estimate the distiller uses (chars / 3, rounded up) never exceeds it.
    expect(Math.ceil(skill.length / 3)).toBeLessThanOrEqual(1200);

    const run = JSON.parse(distilled.stdout) as { status: string; result?: { patches: Array<{ action: string; status: string; evidenceIds: string[] }> } };
    expect(run.status).toBe('SUCCEEDED');
    const prunes = (run.result?.patches ?? []).filter((p) => p.action === 'prune' && p.status === 'kept');
    expect(prunes.length).toBeGreaterThan(0);
    for (const prune of prunes) expect(prune.evidenceIds.length).toBeGreaterThan(0);
    const stored = await graph.read('test-support/distill-runs', { projectId: project });
    expect(stored.length).toBeGreaterThan(0);
  });

  it('on a real OpenClaw history with no skill tags: `cohorts` lists the agent and the cron job, `distill --agent` fills all five sections', () => {
    const openclawProject = `${project}-openclaw`;
    const imported = cli('import', corpus('openclaw-volvox-bot'), '--project', openclawProject);
    expect(imported.status, imported.stderr).toBe(0);
    const cohorts = cli('cohorts', '--project', openclawProject);
    expect(cohorts.status, cohorts.stderr).toBe(0);
    expect(cohorts.stdout).toMatch(/^agent:build\s+22\s+\$37\.01/m);
    expect(cohorts.stdout).toMatch(/^task:cron:8b380d56-7314-4ba9-b4c4-ea11d3e5ca6f\s+22 .*PR Review Patrol/m);

    const out = path.join(workDir, 'BUILD-SKILL.md');
    const distilled = cli('distill', '--agent', 'build', '--mode', 'OFFLINE', '--out', out, '--project', openclawProject);
    expect(distilled.status, distilled.stderr).toBe(0);
    expect(distilled.stderr).toMatch(/22 sessions of agent build \(\d+ succeeded, \d+ failed; \d+ outcomes inferred\)/);
    const skill = fs.readFileSync(out, 'utf8');
    for (const section of ['Trigger', 'Workflow', 'Stop rules', 'Artifact checklist', 'Cost control']) {
      expect(skill.split(`## ${section}\n`)[1]?.split('\n## ')[0], section).toMatch(/^- /m);
    }
    const none = cli('distill', '--skill', 'no-such-skill', '--mode', 'OFFLINE', '--project', openclawProject);
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/No sessions of skill "no-such-skill".*clawtrace cohorts/);
  });

  it('exits non-zero on a malformed file, naming file:line, and stores the valid rest', () => {
    const file = path.join(workDir, 'broken.jsonl');
    fs.writeFileSync(
      file,
      [
        JSON.stringify({ type: 'session', version: 3, id: 'cli-broken', timestamp: '2026-03-01T10:00:00.000Z', cwd: '/w' }),
        '{"type":"message", this is not json',
        JSON.stringify({ type: 'message', id: 'u1', parentId: null, timestamp: '2026-03-01T10:00:01.000Z', message: { role: 'user', content: [{ type: 'text', text: 'hi' }] } }),
      ].join('\n'),
    );
    const result = cli('import', file, '--project', project);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/broken\.jsonl:2/);
    expect(result.stdout).toMatch(/sessions\s+1/);
  });
});
