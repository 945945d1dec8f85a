// Skill detection, recurring-task cohorts and outcome inference from a session's own evidence
// (src/domain/insights): each source's way of showing a skill, and each outcome signal.
import { describe, expect, it } from 'vitest';
import { inferOutcome, quote, type OutcomeFacts } from '../../../src/domain/insights/infer-outcome.ts';
import { skillsOfPrompt, skillsOfSpan } from '../../../src/domain/insights/skills.ts';
import { taskCohortOf } from '../../../src/domain/insights/task-cohort.ts';

const span = (toolName: string | null, args: unknown, attributes: Record<string, unknown> | null = null) => ({
  sessionId: 's1',
  spanId: 'sp1',
  toolName,
  argsCanonical: args === null ? null : JSON.stringify(args),
  attributesJson: attributes ? JSON.stringify(attributes) : null,
});

describe('skills a session used', () => {
  it('OpenClaw: a read of skills/<name>/SKILL.md', () => {
    expect(skillsOfSpan(span('read', { path: '/home/u/.npm-global/lib/node_modules/openclaw/skills/github/SKILL.md' }))).toEqual([
      { sessionId: 's1', spanId: 'sp1', name: 'github', detectedBy: 'skill_file_read' },
    ]);
    expect(skillsOfSpan(span('exec', { command: 'cat ~/clawd/skills/codesession/SKILL.md' }))[0]?.name).toBe('codesession');
  });

  it('Claude Code: the Skill tool, a .claude/skills read, a slash command', () => {
    expect(skillsOfSpan(span('Skill', { skill: 'pdf' }))).toEqual([{ sessionId: 's1', spanId: 'sp1', name: 'pdf', detectedBy: 'skill_tool' }]);
    expect(skillsOfSpan(span('Read', { file_path: '/repo/.claude/skills/release-notes/SKILL.md' }))[0]).toMatchObject({ name: 'release-notes', detectedBy: 'skill_file_read' });
    expect(skillsOfPrompt('s1', '<command-message>review</command-message>\n<command-name>/review</command-name>')).toEqual([
      { sessionId: 's1', spanId: null, name: 'review', detectedBy: 'slash_command' },
    ]);
  });

  it('OTLP: the clawtrace.skill attribute (kept as the span attribute `skill`)', () => {
    expect(skillsOfSpan(span(null, null, { skill: 'triage' }))).toEqual([{ sessionId: 's1', spanId: 'sp1', name: 'triage', detectedBy: 'otel_attribute' }]);
  });

  it('writing a skill file, or only mentioning skills, is not using one', () => {
    expect(skillsOfSpan(span('write', { path: 'skills/new-skill/SKILL.md', content: 'x' }))).toEqual([]);
    expect(skillsOfSpan(span('read', { path: '/repo/CODING.md' }))).toEqual([]);
    expect(skillsOfPrompt('s1', 'please use /tmp/x')).toEqual([]);
  });
});

describe('recurring-task cohorts', () => {
  it('a cron run by its prompt or its session key', () => {
    expect(taskCohortOf('[cron:8b380d56-7314 PR Review Patrol (High Frequency)] PR patrol…', null)).toEqual({
      key: 'cron:8b380d56-7314',
      name: 'PR Review Patrol (High Frequency)',
      detectedBy: 'cron_job',
    });
    expect(taskCohortOf('hello', 'agent:build:cron:abc-1:run:xyz')?.key).toBe('cron:abc-1');
  });

  it('a prompt template: the first line with numbers masked', () => {
    const a = taskCohortOf('## PR #75 Batch Worker 3/5\n\nRepo: x', null);
    const b = taskCohortOf('## PR #76 Batch Worker 1/4\n\nRepo: y', null);
    expect(a).toMatchObject({ name: 'PR ## Batch Worker #/#', detectedBy: 'prompt_template' });
    expect(b?.key).toBe(a?.key);
    expect(taskCohortOf('## PR #75 Batch 1/4 (parallel worker)', null)?.key).not.toBe(a?.key);
    expect(taskCohortOf('hi', null)).toBeNull();
    expect(taskCohortOf(null, null)).toBeNull();
  });
});

describe('inferred outcomes', () => {
  const llm = (text: string | null, stopReason = 'stop', status = 'ok') => ({ spanId: 'l9', status, stopReason, text, error: status === 'error' ? 'rate limited' : null });
  const facts = (over: Partial<OutcomeFacts>): OutcomeFacts => ({ sessionStatus: 'completed', lastLlm: null, lastStep: { spanId: 'l9', kind: 'LLM', toolName: null }, unrecovered: [], ...over });

  it('a closing message that reports success or a blocker', () => {
    expect(inferOutcome(facts({ lastLlm: llm('Completed ✅ — scoped only to the two items.') }))).toMatchObject({ result: 'success', confidence: 0.7 });
    const blocked = inferOutcome(facts({ lastLlm: llm('Blocked update for **PR #75 Batch 2/6**. ✅ Read CODING.md') }));
    expect(blocked).toMatchObject({ result: 'failure' });
    expect(blocked!.evidence[0]).toMatchObject({ kind: 'closing_message', spanId: 'l9' });
  });

  it('a failed last model call, and a session that ends on a tool call', () => {
    expect(inferOutcome(facts({ lastLlm: llm('', 'error', 'error') }))).toMatchObject({ result: 'failure', evidence: [{ kind: 'final_llm_error' }] });
    const cut = inferOutcome(facts({ lastLlm: llm('[thinking] Let me check the origin.', 'toolUse'), lastStep: { spanId: 't3', kind: 'TOOL', toolName: 'exec' } }));
    expect(cut).toMatchObject({ result: 'failure', confidence: 0.6, evidence: [{ kind: 'no_closing_message', spanId: 't3', toolName: 'exec' }] });
  });

  it('unrecovered tool failures lower a claimed success, and alone are weak evidence of failure', () => {
    const unrecovered = [{ spanId: 't1', toolName: 'edit', error: 'oldText not found' }];
    expect(inferOutcome(facts({ lastLlm: llm('Done.'), unrecovered }))).toMatchObject({ result: 'success', confidence: 0.5 });
    expect(inferOutcome(facts({ lastLlm: llm('NO_REPLY'), unrecovered }))).toMatchObject({ result: 'failure', confidence: 0.4 });
  });

  it('no evidence either way, or a session still running: no inference', () => {
    expect(inferOutcome(facts({ lastLlm: llm('NO_REPLY') }))).toBeNull();
    expect(inferOutcome(facts({ sessionStatus: 'open', lastLlm: llm('Done.') }))).toBeNull();
  });

  it('quotes are cut at a word boundary', () => {
    expect(quote('alpha beta gamma delta', 14)).toBe('alpha beta…');
  });
});
