// Session refs the CLI prints and takes back, the rule for a prefix that matches several sessions,
// and the import's closing lines (most expensive sessions, where to open them) within 80 columns.
import { describe, expect, it } from 'vitest';
import { ambiguous } from '../../../src/cli/card-command.ts';
import { formatCost, sessionTitle } from '../../../src/cli/session-columns.ts';
import { pickSessionAmong, shortRefs } from '../../../src/cli/session-ref.ts';
import { parseDateBound } from '../../../src/cli/sessions-command.ts';
import { displayWidth } from '../../../src/cli/text-width.ts';
import { formatTopSessions, topSessionsReport } from '../../../src/cli/top-sessions.ts';
import type { SessionNode } from '../../../src/graph/sessions.ts';

function session(id: string, over: Partial<SessionNode> = {}): SessionNode {
  const source = id.slice(0, id.indexOf(':'));
  return {
    id,
    source,
    externalId: id.slice(source.length + 1),
    agentId: 'build',
    agentName: 'build',
    sessionKey: null,
    task: 'a task',
    skill: null,
    cwd: null,
    role: 'main',
    status: 'completed',
    startedAt: '2026-02-18T03:34:55.881Z',
    endedAt: null,
    durationMs: null,
    outcome: null,
    inferredOutcome: null,
    score: null,
    ownCostUsd: 0,
    totalCostUsd: 0,
    unpricedCalls: 0,
    totalUnpricedCalls: 0,
    spanCount: 0,
    pending: false,
    placeholder: false,
    parentSessionId: null,
    parentSpanId: null,
    missingSubagents: 0,
    inclusiveIsLowerBound: false,
    ...over,
  } as SessionNode;
}

const MAIN = 'claude-code:cb2e607c-c758-415a-8b45-c49e4631906a';
const family = [
  session(MAIN),
  session(`${MAIN}:agent-ea02459f`, { role: 'subagent', parentSessionId: MAIN }),
  session(`${MAIN}:agent-2b93909d`, { role: 'warmup' }), // a warm-up run: not spawned, but inside the transcript
  session(`${MAIN}:agent-acompact-70d8e7`, { role: 'compaction', parentSessionId: MAIN }),
];

describe('short refs', () => {
  it('are 8 characters of the source id, a nested run its last segment, longer where two listed sessions share 8', () => {
    const refs = shortRefs([
      ...family,
      session('openclaw:684637ff-e673-46e4-a1a9-0de622f22f21'),
      session('otlp:conv-2026-02-18-a'),
      session('otlp:conv-2026-02-18-b'),
    ]);
    expect([...refs.values()]).toEqual([
      'cb2e607c',
      'agent-ea02459f',
      'agent-2b93909d',
      'agent-acompact-70d8e7',
      '684637ff',
      'conv-2026-02-18-a',
      'conv-2026-02-18-b',
    ]);
  });
});

describe('a prefix matching several sessions', () => {
  it('means the main session when the others are its sub-agents and internal runs', () => {
    expect(pickSessionAmong(family)).toBe(MAIN);
  });

  it('never takes a placeholder (a sub-agent not imported yet, role unknown) for the main session', () => {
    const placeholder = session(`${MAIN}:agent-a2271d1`, { placeholder: true, task: null });
    expect(pickSessionAmong([session(MAIN), placeholder])).toBe(MAIN);
  });

  it('follows spawns at any depth (an OpenClaw sub-agent of a sub-agent)', () => {
    const child = session('openclaw:aa11', { role: 'subagent', parentSessionId: 'openclaw:aa' });
    const grandchild = session('openclaw:aa12', { role: 'subagent', parentSessionId: 'openclaw:aa11' });
    expect(pickSessionAmong([session('openclaw:aa'), child, grandchild])).toBe('openclaw:aa');
  });

  it('picks nothing when two main sessions match, when another session is outside the tree, or when the list is cut', () => {
    expect(pickSessionAmong([session('openclaw:aa1'), session('openclaw:aa2')])).toBeNull();
    expect(pickSessionAmong([...family, session('claude-code:cb2e607c-ffff', { role: 'subagent', parentSessionId: 'claude-code:other' })])).toBeNull();
    expect(pickSessionAmong([session('openclaw:aa1', { role: 'subagent' }), session('openclaw:aa2', { role: 'subagent' })])).toBeNull();
    expect(pickSessionAmong(family, false)).toBeNull();
  });

  it('lists the candidates (ref, role, agent, cost, title) within 80 columns', () => {
    const text = ambiguous('cb2e', [...family, session('claude-code:cb2e0000-0000', { totalCostUsd: 31.53, inclusiveIsLowerBound: true })], 5);
    const lines = text.split('\n');
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(80);
    expect(lines[0]).toBe('clawtrace card: "cb2e" matches 5 sessions; give one of these refs:');
    expect(lines[1]).toMatch(/^ {2}ref\s+role\s+agent\s+cost\s+title$/);
    expect(text).toMatch(/agent-acompact-70d8e7\s+compaction\s+build\s+\$0\.00/);
    expect(text).toMatch(/cb2e0000\s+main\s+build\s+≥\$31\.53/);
  });
});

describe('the end of the import summary', () => {
  const dearest = [
    session('openclaw:684637ff-e673-46e4-a1a9-0de622f22f21', {
      totalCostUsd: 31.5312,
      inclusiveIsLowerBound: true,
      task: '[cron:8b380d56-7314-4ba9-b4c4-ea11d3e5ca6f PR Review Patrol (High Frequency)] Check every open PR\nand fix it',
    }),
    session('openclaw:3c0cbde4-a641-4a72-9fbb-85be3e57588b', { totalCostUsd: 5.48, task: null, sessionKey: 'agent:build:cron:8b380d56' }),
  ];

  it('names the dearest sessions with refs, costs and one-line titles, the card command and the explorer link', () => {
    const top = topSessionsReport(dearest, 'http://127.0.0.1:4318', false);
    const lines = formatTopSessions(top, 'local');
    for (const line of lines.filter((l) => !l.includes('http'))) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
    expect(lines).toEqual([
      'Most expensive sessions (inclusive of their sub-agents):',
      '  ref          cost  agent  title',
      '  684637ff  ≥$31.53  build  [cron:8b380d56… PR Review Patrol (High Frequency)]…',
      '  3c0cbde4    $5.48  build  agent:build:cron:8b380d56',
      '  ≥ a lower bound: sub-agents the session spawned are not in the graph',
      '  card:     clawtrace card 684637ff',
      '  all:      clawtrace sessions --sort cost',
      '  explorer: http://127.0.0.1:4318/ui/#/session/openclaw:684637ff-e673-46e4-a1a9-0de622f22f21',
      '            (the engine is not running: start it with npm start)',
    ]);
  });

  it('says nothing about starting the engine when it answers, and names a non-local project', () => {
    const lines = formatTopSessions(topSessionsReport(dearest, 'http://127.0.0.1:4318', true), 'team-a');
    expect(lines.join('\n')).not.toContain('npm start');
    expect(lines).toContain('  card:     clawtrace card 684637ff --project team-a');
  });
});

describe('formats', () => {
  it('costs: cents, a fraction of a cent, a lower bound', () => {
    expect(formatCost(31.5312)).toBe('$31.53');
    expect(formatCost(0.001)).toBe('<$0.01');
    expect(formatCost(0)).toBe('$0.00');
    expect(formatCost(5.48, true)).toBe('≥$5.48');
  });

  it('titles: one line, uuids shortened, the session key when no task was recorded', () => {
    expect(sessionTitle({ task: 'fix\n\nthe build 8b380d56-7314-4ba9-b4c4-ea11d3e5ca6f', sessionKey: null })).toBe('fix the build 8b380d56…');
    expect(sessionTitle({ task: null, sessionKey: null })).toBe('(no task recorded)');
  });

  it('dates: a bare --until date includes its whole day; anything else is refused', () => {
    expect(parseDateBound('2026-02-18', 'since')).toBe('2026-02-18T00:00:00.000Z');
    expect(parseDateBound('2026-02-18', 'until')).toBe('2026-02-19T00:00:00.000Z');
    expect(parseDateBound('2026-02-18T09:00:00+01:00', 'until')).toBe('2026-02-18T08:00:00.000Z');
    expect(() => parseDateBound('yesterday', 'since')).toThrow(/not a date/);
  });
});
