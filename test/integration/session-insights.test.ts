// Skill detection through the real ingest paths, for the sources the corpora have no example of:
// Claude Code's `Skill` tool, a `.claude/skills/*/SKILL.md` read and a slash command (normalised
// batch), and OTLP's documented `clawtrace.skill` attribute with `gen_ai.agent.name` (POST
// /v1/traces). Each detection is stored with how it was found, re-ingesting changes nothing, and
// distill reads a detected skill's sessions without a session list.
import { untilFinalised } from '../helpers/finalised.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/api/server.ts';
import { gatherEvidence } from '../../src/costcraft/evidence.ts';
import { createPricer } from '../../src/domain/cost/index.ts';
import { listCohorts } from '../../src/graph/cohorts.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { ingestBatch } from '../../src/ingest/pipeline.ts';
import { llmCall, sessionWith, toolCall } from '../helpers/factories.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';
import { startTestServer } from '../helpers/server.ts';

const projectId = randomProjectId('insights');
let graph: Graph;
let server: RunningServer;

const claudeSession = sessionWith(
  { name: 'cc-skills', source: 'claude-code', agentId: 'coder', task: '<command-message>review</command-message>\n<command-name>/review</command-name>' },
  [
    llmCall({ costUsd: 0.01, calls: [toolCall('Skill', { skill: 'pdf' }, { result: 'Launching skill: pdf' })] }),
    llmCall({ costUsd: 0.01, calls: [toolCall('Read', { file_path: '/repo/.claude/skills/release-notes/SKILL.md' }, { result: '# Release notes\nSteps…' })] }),
    llmCall({ costUsd: 0.01, calls: [toolCall('Write', { file_path: '/repo/.claude/skills/draft/SKILL.md', content: '# Draft' }, { result: 'ok' })] }),
    llmCall({ costUsd: 0.01, text: 'Done: the report is in out/report.pdf.' }),
  ],
);

const attr = (key: string, value: string) => ({ key, value: { stringValue: value } });
const otlpBody = {
  resourceSpans: [
    {
      resource: { attributes: [attr('service.name', 'support-bot')] },
      scopeSpans: [
        {
          scope: { name: 'insights-test' },
          spans: [
            {
              traceId: '5b8efff798038103d269b633813fc60c',
              spanId: 'eee19b7ec3c1b174',
              name: 'invoke_agent triage_agent',
              kind: 1,
              startTimeUnixNano: '1767225600000000000',
              endTimeUnixNano: '1767225605000000000',
              attributes: [attr('gen_ai.operation.name', 'invoke_agent'), attr('gen_ai.agent.name', 'triage_agent'), attr('clawtrace.skill', 'triage')],
            },
            {
              traceId: '5b8efff798038103d269b633813fc60c',
              spanId: 'eee19b7ec3c1b175',
              parentSpanId: 'eee19b7ec3c1b174',
              name: 'chat gpt-4o',
              kind: 3,
              startTimeUnixNano: '1767225601000000000',
              endTimeUnixNano: '1767225604000000000',
              attributes: [attr('gen_ai.operation.name', 'chat'), attr('gen_ai.request.model', 'gpt-4o'), { key: 'gen_ai.usage.input_tokens', value: { intValue: '100' } }, { key: 'gen_ai.usage.output_tokens', value: { intValue: '20' } }],
            },
          ],
        },
      ],
    },
  ],
};

beforeAll(async () => {
  graph = await connectTestGraph();
  server = await startTestServer(graph, projectId);
  await ingestBatch(graph, projectId, claudeSession, createPricer());
  const res = await fetch(`${server.url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(otlpBody) });
  expect(res.status).toBe(200);
  await untilFinalised(graph, projectId);
});
afterAll(async () => {
  await server?.close();
  await graph?.close();
});

const skills = async () =>
  (await listCohorts(graph, projectId, 'skill', 50)).map((c) => ({ name: c.key, detectedBy: c.detectedBy, sessions: c.sessions })).sort((a, b) => (a.name < b.name ? -1 : 1));

describe('skills detected in the sessions', () => {
  it('Claude Code: the Skill tool, a skill file read and a slash command; a skill file written is not a use', async () => {
    const found = (await skills()).filter((s) => s.name !== 'triage');
    expect(found).toEqual([
      { name: 'pdf', detectedBy: ['skill_tool'], sessions: 1 },
      { name: 'release-notes', detectedBy: ['skill_file_read'], sessions: 1 },
      { name: 'review', detectedBy: ['slash_command'], sessions: 1 },
    ]);
  });

  it('OTLP: clawtrace.skill is a skill, gen_ai.agent.name an agent cohort', async () => {
    expect((await skills()).find((s) => s.name === 'triage')).toEqual({ name: 'triage', detectedBy: ['otel_attribute'], sessions: 1 });
    const agents = await listCohorts(graph, projectId, 'agent', 50);
    expect(agents.find((a) => a.key === 'triage_agent')).toMatchObject({ detectedBy: ['agent_name'], sessions: 1 });
    expect(agents.find((a) => a.key === 'coder')).toMatchObject({ detectedBy: ['agent_id'], sessions: 1 });
  });

  it('GraphQL: Session.skillsUsed says how each skill was found and which span shows it', async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ session(id: "test:cc-skills") { skillsUsed { name detectedBy spanId detections } } }' }),
    });
    const body = (await res.json()) as { data: { session: { skillsUsed: Array<{ name: string; detectedBy: string; spanId: string | null; detections: number }> } } };
    expect(body.data.session.skillsUsed).toEqual([
      { name: 'pdf', detectedBy: 'skill_tool', spanId: 'test:cc-skills:2', detections: 1 },
      { name: 'release-notes', detectedBy: 'skill_file_read', spanId: 'test:cc-skills:4', detections: 1 },
      { name: 'review', detectedBy: 'slash_command', spanId: null, detections: 1 },
    ]);
  });

  it('re-ingesting the same session changes nothing', async () => {
    const before = await skills();
    await ingestBatch(graph, projectId, claudeSession, createPricer());
    expect(await skills()).toEqual(before);
  });

  it('distill reads a detected skill’s sessions without a session list, with the inferred outcome', async () => {
    const evidence = await gatherEvidence(graph, projectId, 'pdf', null);
    expect(evidence.sessions.map((s) => [s.id, s.outcome, s.outcomeSource])).toEqual([['test:cc-skills', 'success', 'inferred']]);
    await expect(gatherEvidence(graph, projectId, 'draft', null)).rejects.toThrow(/No sessions of skill "draft".*clawtrace cohorts/);
  });
});
