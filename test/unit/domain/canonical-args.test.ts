// Canonical arguments, effects and resources on real tool calls, read from the corpora in place.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicaliseArgs, EFFECTS } from '../../../src/domain/canonical/index.ts';
import { sha256Hex } from '../../../src/domain/hash.ts';
import { corpus } from '../../helpers/corpora.ts';

interface ToolCall {
  name: string;
  args: unknown;
}

const OPENCLAW_DIR = corpus('openclaw-volvox-bot', 'agents', 'build', 'sessions');
const openClawFiles = fs.readdirSync(OPENCLAW_DIR).filter((f) => f.includes('.jsonl'));

function jsonLine(file: string, line: number): Record<string, unknown> {
  const text = fs.readFileSync(file, 'utf8').split('\n')[line - 1];
  if (!text) throw new Error(`${file}:${line} is empty`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** Tool calls of an OpenClaw assistant message: transcript whose name starts with `prefix`, 1-based line. */
function openClaw(prefix: string, line: number): ToolCall[] {
  const file = openClawFiles.find((f) => f.startsWith(prefix));
  if (!file) throw new Error(`no OpenClaw transcript ${prefix}*`);
  const message = jsonLine(path.join(OPENCLAW_DIR, file), line).message as { content: Array<Record<string, unknown>> };
  return message.content.filter((c) => c.type === 'toolCall').map((c) => ({ name: String(c.name), args: c.arguments }));
}

function claudeCode(relative: string, line: number): ToolCall {
  const message = jsonLine(corpus(...relative.split('/')), line).message as { content: Array<Record<string, unknown>> };
  const use = message.content.find((c) => c.type === 'tool_use');
  if (!use) throw new Error(`${relative}:${line} has no tool_use`);
  return { name: String(use.name), args: use.input };
}

interface TauTrial {
  traj: Array<{ tool_calls?: Array<{ function: { name: string; arguments: string } }> }>;
}
const tau = JSON.parse(fs.readFileSync(corpus('tau-bench', 'gpt-4o-airline.json'), 'utf8')) as TauTrial[];

function tauCall(trial: number, message: number): ToolCall {
  const fn = tau[trial]?.traj[message]?.tool_calls?.[0]?.function;
  if (!fn) throw new Error(`τ-bench trial ${trial} message ${message} has no tool call`);
  return { name: fn.name, args: fn.arguments };
}

const canon = (call: ToolCall) => canonicaliseArgs(call.name, call.args);
const CODERABBIT = 'claude-code-log-real-projects/-Users-dain-workspace-coderabbit-review-helper/cb2e607c-c758-415a-8b45-c49e4631906a.jsonl';

describe('equal calls hash equal', () => {
  it('OpenClaw read: `path` and `file_path` spellings of the same page', () => {
    const withPath = openClaw('13b93292', 19).find((c) => JSON.stringify(c.args).includes('guilds.js'))!;
    const withFilePath = openClaw('6113683f', 48).find((c) => JSON.stringify(c.args).includes('guilds.js'))!;
    expect(withPath.args).toHaveProperty('path');
    expect(withFilePath.args).toHaveProperty('file_path');
    expect(canon(withPath).hash).toBe(canon(withFilePath).hash);
    expect(canon(withPath)).toMatchObject({
      text: '{"limit":50,"offset":680,"path":"/tmp/bills-bot-issue-30/src/api/routes/guilds.js"}',
      effect: 'read',
      resource: '/tmp/bills-bot-issue-30/src/api/routes/guilds.js',
    });
  });

  it('τ-bench: the same JSON-string arguments with different spacing', () => {
    const compact = tauCall(5, 8);
    const spaced = tauCall(4, 6);
    expect(compact.args).toBe('{"reservation_id":"UM3OG5"}');
    expect(spaced.args).toBe('{"reservation_id": "UM3OG5"}');
    expect(canon(compact).hash).toBe(canon(spaced).hash);
    expect(canon(compact)).toMatchObject({ effect: 'read', resource: 'reservation:UM3OG5' });
  });

  it('τ-bench: nested arguments in a different layout', () => {
    const a = canon(tauCall(2, 16));
    const b = canon(tauCall(52, 54));
    expect(a.hash).toBe(b.hash);
    expect(a).toMatchObject({ effect: 'write', resource: 'reservation:2FBBAH' });
  });

  it('JSON key order does not matter', () => {
    const call = tauCall(0, 16);
    const parsed = JSON.parse(call.args as string) as Record<string, unknown>;
    const reversed = Object.fromEntries(Object.entries(parsed).reverse());
    expect(canonicaliseArgs(call.name, reversed).hash).toBe(canon(call).hash);
  });

  it('Claude Code Bash: a new description or timeout is the same command', () => {
    const first = claudeCode(CODERABBIT, 45);
    const retry = claudeCode(CODERABBIT, 53);
    expect((first.args as { description: string }).description).not.toBe((retry.args as { description: string }).description);
    expect(canon(first).hash).toBe(canon(retry).hash);
    expect(canon(first)).toMatchObject({ text: '{"command":"uv tool install ."}', effect: 'exec', resource: null });
  });

  it('Claude Code BashOutput polls of one shell', () => {
    const polls = [159, 162, 165].map((line) => canon(claudeCode(CODERABBIT, line)));
    expect(new Set(polls.map((p) => p.hash)).size).toBe(1);
    // A status check, not a read: repeated while the shell runs, each result deciding the next step.
    expect(polls[0]).toMatchObject({ effect: 'check', resource: 'process:7d95c5' });
  });

  it('OpenClaw process polls that wait longer are the same poll; a log is another resource', () => {
    const poll = (timeout: number) => canonicaliseArgs('process', { action: 'poll', sessionId: 'dawn-shore', timeout });
    expect(poll(1000).hash).toBe(poll(120000).hash);
    expect(poll(1000)).toMatchObject({ effect: 'check', resource: 'process:dawn-shore/poll' });
    const log = canonicaliseArgs('process', { action: 'log', sessionId: 'dawn-shore', offset: 0, limit: 4000 });
    expect(log).toMatchObject({ effect: 'read', resource: 'process:dawn-shore/log' });
    // Acting on the process changes what its poll and log show (the resource above them).
    expect(canonicaliseArgs('process', { action: 'kill', sessionId: 'dawn-shore' })).toMatchObject({ effect: 'exec', resource: 'process:dawn-shore' });
  });

  it('shell status checks and timed re-checks', () => {
    expect(canonicaliseArgs('exec', { command: 'sleep 60 && gh pr checks 75' }).effect).toBe('check');
    expect(canonicaliseArgs('Bash', { command: 'gh run watch 123' }).effect).toBe('check');
    expect(canonicaliseArgs('Bash', { command: 'ps aux | grep vitest' }).effect).toBe('check');
    expect(canonicaliseArgs('Bash', { command: 'git status' }).effect).toBe('read');
    expect(canonicaliseArgs('Bash', { command: 'sleep 5 && rm -rf dist' }).effect).toBe('exec');
  });

  it('exec: workdir and `cd dir &&` name the same read', () => {
    const viaWorkdir = canonicaliseArgs('exec', { command: 'git diff src/modules/ai.js', workdir: '/tmp/bills-bot-issue-30/' });
    const viaCd = canonicaliseArgs('exec', { command: 'cd /tmp/bills-bot-issue-30 && git diff src/modules/ai.js' });
    expect(viaWorkdir.resource).toBe(viaCd.resource);
    expect(viaWorkdir.resource).toBe('cd /tmp/bills-bot-issue-30 && git diff src/modules/ai.js');
  });
});

describe('different calls differ', () => {
  it('OpenClaw read: another page of the same file is another call on the same resource', () => {
    const reads = openClawFiles.flatMap((f) =>
      fs
        .readFileSync(path.join(OPENCLAW_DIR, f), 'utf8')
        .split('\n')
        .filter((l) => l.includes('"name":"read"') && l.includes('analytics-dashboard.tsx') && l.includes('"offset"')),
    );
    const pages = reads
      .flatMap((l) => (JSON.parse(l) as { message: { content: Array<Record<string, unknown>> } }).message.content)
      .filter((c) => c.type === 'toolCall' && c.name === 'read')
      .map((c) => canonicaliseArgs('read', c.arguments))
      .filter((c) => c.resource === '/tmp/bills-bot-pr75-b1/web/src/components/dashboard/analytics-dashboard.tsx');
    expect(pages.length).toBeGreaterThan(2);
    expect(new Set(pages.map((p) => p.text)).size).toBe(new Set(pages.map((p) => p.hash)).size);
    expect(new Set(pages.map((p) => p.hash)).size).toBeGreaterThan(2);
  });

  it('the same command in another directory is another resource', () => {
    const a = canonicaliseArgs('exec', { command: 'git status --short', workdir: '/tmp/bills-bot-pr75-b1of3' });
    const b = canonicaliseArgs('exec', { command: 'git status --short', workdir: '/tmp/bills-bot-pr75-b2of3' });
    expect(a.hash).not.toBe(b.hash);
    expect(a.resource).not.toBe(b.resource);
  });

  it('whitespace inside quotes is part of the command', () => {
    expect(canonicaliseArgs('exec', { command: 'grep -n "a  b" f' }).hash).not.toBe(canonicaliseArgs('exec', { command: 'grep -n "a b" f' }).hash);
  });
});

describe('effects and resources of real calls', () => {
  it('OpenClaw exec: read-only commands read, the rest exec', () => {
    const grep = openClaw('578642d4', 32)[0]!;
    expect(canon(grep)).toMatchObject({
      effect: 'read',
      resource: 'cd /tmp/bills-bot-pr75-b1of3 && grep -R "as DashboardAnalytics\\|DashboardAnalytics" -n web/src | head',
    });
    const sed = openClaw('69cf0233', 22)[0]!;
    expect(canon(sed)).toMatchObject({ effect: 'read', resource: "cd /tmp/bills-bot-issue-30 && sed -n '720,860p' src/api/routes/guilds.js" });
    const tests = openClaw('bf06e2b7', 158)[0]!;
    expect(canon(tests)).toMatchObject({ effect: 'exec', resource: null });
    // yieldMs only says when to background the command: not part of the call.
    expect(canon(tests).text).not.toContain('yieldMs');
    const resolveThread = openClaw('13b93292', 56)[0]!;
    expect(canon(resolveThread).effect).toBe('exec');
  });

  it('OpenClaw file, web, process and spawn tools', () => {
    const edit = openClaw('550cadeb', 30)[0]!;
    expect(canon(edit)).toMatchObject({ effect: 'write', resource: '/tmp/bills-bot-issue-30/src/modules/ai.js' });
    const fetch = openClaw('578642d4', 50)[0]!;
    expect(canon(fetch)).toMatchObject({ effect: 'fetch', resource: 'https://docs.anthropic.com/en/docs/about-claude/models/all-models' });
    const search = openClaw('578642d4', 48)[0]!;
    expect(canon(search)).toMatchObject({ effect: 'search', resource: null });
    const poll = openClaw('13b93292', 36)[0]!;
    expect(canon(poll)).toMatchObject({ effect: 'check', resource: 'process:faint-claw/poll' });
    const spawn = openClaw('3c0cbde4', 24)[0]!;
    expect(canon(spawn)).toMatchObject({ effect: 'spawn', resource: null });
    const send = openClaw('3c0cbde4', 26)[0]!;
    expect(canon(send)).toMatchObject({ effect: 'write', resource: 'message:discord:user:191633014441115648' });
    const list = openClaw('3c0cbde4', 8)[0]!;
    expect(canon(list)).toMatchObject({ effect: 'check', resource: 'subagents' });
  });

  it('Claude Code tools', () => {
    const spotter = 'claude-code-spotter/fa812bfe-b295-4cca-9c2f-fdf01028cb46.jsonl';
    expect(canon(claudeCode(CODERABBIT, 32))).toMatchObject({ effect: 'write', resource: '/Users/dain/workspace/coderabbit-review-helper/pyproject.toml' });
    expect(canon(claudeCode(CODERABBIT, 97))).toMatchObject({
      effect: 'search',
      resource: '/Users/dain/workspace/coderabbit-review-helper/extract-coderabbit-feedback.py',
    });
    expect(canon(claudeCode(CODERABBIT, 22))).toMatchObject({ effect: 'write', resource: 'todos' });
    expect(canon(claudeCode(CODERABBIT, 6))).toMatchObject({ effect: 'spawn', resource: null });
    expect(canon(claudeCode(spotter, 146))).toMatchObject({ effect: 'write' });
    expect(canon(claudeCode(spotter, 388))).toMatchObject({ effect: 'check', resource: 'task:b7b23b2' });
  });

  it('τ-bench tools: get_* read, search_* search, the rest write or other', () => {
    const byName = new Map<string, ReturnType<typeof canon>>();
    for (const trial of tau) for (const m of trial.traj) for (const tc of m.tool_calls ?? []) byName.set(tc.function.name, canon({ name: tc.function.name, args: tc.function.arguments }));
    const effects = Object.fromEntries([...byName].map(([name, c]) => [name, c.effect]));
    expect(effects).toEqual({
      get_user_details: 'read',
      get_reservation_details: 'read',
      list_all_airports: 'read',
      search_direct_flight: 'search',
      search_onestop_flight: 'search',
      book_reservation: 'write',
      cancel_reservation: 'write',
      update_reservation_flights: 'write',
      update_reservation_baggages: 'write',
      update_reservation_passengers: 'write',
      send_certificate: 'write',
      calculate: 'other',
      think: 'other',
      transfer_to_human_agents: 'other',
    });
    expect(byName.get('get_user_details')?.resource).toMatch(/^user:/);
    expect(byName.get('book_reservation')?.resource).toMatch(/^user:/);
    expect(byName.get('cancel_reservation')?.resource).toMatch(/^reservation:/);
  });

  it('generic names: MCP tools and framework tools', () => {
    expect(canonicaliseArgs('mcp__github__get_issue', { issue_number: 3, repo: 'x' }).effect).toBe('read');
    expect(canonicaliseArgs('duckduckgo_search', { query: '  weather   Paris ' })).toMatchObject({ effect: 'search', text: '{"query":"weather Paris"}' });
    expect(canonicaliseArgs('write_file', { filename: './out//report.md', content: 'x' })).toMatchObject({ effect: 'write', resource: 'out/report.md' });
    expect(canonicaliseArgs('get_current_time', {})).toMatchObject({ effect: 'read', resource: null });
    expect(canonicaliseArgs('run_shell_command', { command: 'ls -la' })).toMatchObject({ effect: 'read', resource: 'ls -la' });
    expect(canonicaliseArgs('final_answer', { answer: 'x' }).effect).toBe('other');
  });
});

describe('whole corpora', () => {
  function allOpenClawCalls(): Array<{ file: string; call: ToolCall }> {
    return openClawFiles.flatMap((file) =>
      fs
        .readFileSync(path.join(OPENCLAW_DIR, file), 'utf8')
        .split('\n')
        .filter((l) => l.includes('"toolCall"'))
        .flatMap((l) => (JSON.parse(l) as { message?: { content?: Array<Record<string, unknown>> } }).message?.content ?? [])
        .filter((c) => c.type === 'toolCall')
        .map((c) => ({ file, call: { name: String(c.name), args: c.arguments } })),
    );
  }

  it('every OpenClaw call canonicalises to parseable JSON with a matching hash and a known effect', () => {
    const calls = allOpenClawCalls();
    expect(calls.length).toBeGreaterThan(1500);
    for (const { call } of calls) {
      const c = canon(call);
      expect(() => JSON.parse(c.text) as unknown).not.toThrow();
      expect(c.hash).toBe(sha256Hex(c.text));
      expect(EFFECTS).toContain(c.effect);
    }
  });

  it('finds at least the exact repeats a byte comparison finds (and the 165 SOURCES.md counts)', () => {
    let canonicalRepeats = 0;
    let byteRepeats = 0;
    const seen = new Map<string, { canonical: Set<string>; bytes: Set<string> }>();
    for (const { file, call } of allOpenClawCalls()) {
      const s = seen.get(file) ?? { canonical: new Set<string>(), bytes: new Set<string>() };
      seen.set(file, s);
      const canonicalKey = `${call.name}\n${canon(call).hash}`;
      const byteKey = `${call.name}\n${JSON.stringify(call.args)}`;
      if (s.canonical.has(canonicalKey)) canonicalRepeats++;
      if (s.bytes.has(byteKey)) byteRepeats++;
      s.canonical.add(canonicalKey);
      s.bytes.add(byteKey);
    }
    expect(canonicalRepeats).toBeGreaterThanOrEqual(byteRepeats);
    expect(canonicalRepeats).toBeGreaterThanOrEqual(165);
  });

  it('finds the 27 exact duplicate τ-bench calls within a trajectory', () => {
    let duplicates = 0;
    for (const trial of tau) {
      const seen = new Set<string>();
      for (const m of trial.traj) {
        for (const tc of m.tool_calls ?? []) {
          const key = `${tc.function.name}\n${canon({ name: tc.function.name, args: tc.function.arguments }).hash}`;
          if (seen.has(key)) duplicates++;
          seen.add(key);
        }
      }
    }
    expect(duplicates).toBeGreaterThanOrEqual(27);
  });
});
