// Claude Code project folder → normalised sessions, spans and spawns (pure: no I/O).
//
// Output does not depend on the order of `files`: files are sorted by path first, and every
// collection is built and returned in a sorted order.
import { emptyBatch, type NormalisedBatch, type Rejection } from '../../domain/model.ts';
import type { SourceFile } from '../types.ts';
import { buildSessionSpans } from './build-spans.ts';
import { internalRunKind, sessionRecord } from './build-session.ts';
import { classifyPath } from './file-layout.ts';
import { sessionIdOf } from './ids.ts';
import { collectCalls } from './llm-calls.ts';
import { callOwners } from './ownership.ts';
import { firstPrompt } from './prompts.ts';
import { readTranscript } from './read-lines.ts';
import type { AgentMeta } from './schema.ts';
import { linkInternalRuns } from './internal-runs.ts';
import { groupSessions, type ReadFile } from './session-groups.ts';
import { skillInjectionSpans } from './skill-injections.ts';
import { evidenceInMeta, evidenceInSession, readAgentMeta, type MetaRead } from './spawn-evidence.ts';
import { linkSpawns, spawnRecords, type AgentSession, type TaskCall } from './spawn-links.ts';
import { compareText } from './text.ts';
import { sessionTimes } from './time.ts';

const NOT_CLAUDE_CODE = 'not a Claude Code transcript (*.jsonl) or sub-agent meta file (agent-<id>.meta.json): skipped';

/** Sorted by path; a path given twice is read once. */
function sortedUnique(files: SourceFile[]): SourceFile[] {
  const sorted = [...files].sort((a, b) => compareText(a.path, b.path) || compareText(a.text, b.text));
  return sorted.filter((file, i) => i === 0 || sorted[i - 1]?.path !== file.path);
}

function readFiles(files: SourceFile[], rejections: Rejection[]): { transcripts: ReadFile[]; metas: MetaRead[] } {
  const transcripts: ReadFile[] = [];
  const metas: MetaRead[] = [];
  for (const file of sortedUnique(files)) {
    const role = classifyPath(file.path);
    if (role.kind === 'meta') {
      const meta = readAgentMeta(file, role);
      if ('reason' in meta) rejections.push(meta);
      else metas.push(meta);
    } else if (role.kind === 'other') {
      rejections.push({ location: file.path, reason: NOT_CLAUDE_CODE });
    } else {
      const read = readTranscript(file);
      rejections.push(...read.rejections);
      transcripts.push({ path: file.path, role, lines: read.lines });
    }
  }
  return { transcripts, metas };
}

const LINE_LOCATION = /^(.*):(\d+)$/;

function splitLocation(location: string): [string, number] {
  const match = LINE_LOCATION.exec(location);
  return match ? [match[1] ?? '', Number(match[2])] : [location, 0];
}

/** `file:line` locations by file path (code-point order, as files are read), then line number. */
function byLocation(a: Rejection, b: Rejection): number {
  const [fileA, lineA] = splitLocation(a.location);
  const [fileB, lineB] = splitLocation(b.location);
  return compareText(fileA, fileB) || lineA - lineB || compareText(a.reason, b.reason);
}

export function parseClaudeCode(files: SourceFile[]): NormalisedBatch {
  const batch = emptyBatch();
  const { transcripts, metas } = readFiles(files, batch.rejections);
  const groups = groupSessions(transcripts).sort((a, b) => compareText(a.id, b.id));

  const sessions = groups.map((group) => ({
    group,
    calls: collectCalls(group),
    times: sessionTimes(group.lines),
    firstPrompt: firstPrompt(group.lines),
  }));
  const owners = callOwners(sessions.map((s) => ({ sessionId: s.group.id, startMs: s.times.startMs, calls: s.calls.calls })));

  const internalRuns = linkInternalRuns(groups);
  const taskCalls: TaskCall[] = [];
  for (const s of sessions) {
    const isOwned = (call: (typeof s.calls.calls)[number]) => (owners.get(call.key) ?? s.group.id) === s.group.id;
    const callIds = new Set(s.calls.calls.flatMap((c) => c.blocks.flatMap((b) => (b.block.type === 'tool_use' && b.block.id ? [b.block.id] : []))));
    const placed = [...(internalRuns.spansByParent.get(s.group.id) ?? []), ...skillInjectionSpans(s.group, callIds)];
    const built = buildSessionSpans(s.group, s.calls, isOwned, placed);
    batch.spans.push(...built.spans);
    batch.rejections.push(...built.rejections);
    taskCalls.push(...built.taskCalls);
  }

  const agents: AgentSession[] = sessions.flatMap(({ group, times, firstPrompt: prompt }) =>
    group.key.agentId === null
      ? []
      : [{ sessionId: group.id, rootSessionId: group.key.rootSessionId, agentId: group.key.agentId, firstPrompt: prompt, startMs: times.startMs, isInternal: internalRunKind(group.key.agentId) !== null }],
  );
  const evidence = [...sessions.flatMap((s) => evidenceInSession(s.group)), ...evidenceInMeta(metas)];
  const links = linkSpawns(taskCalls, agents, evidence);

  const spawnedBy = new Map<string, TaskCall>();
  for (const call of taskCalls) {
    const link = links.get(call.spanId);
    if (link) spawnedBy.set(link.childSessionId, call);
  }
  const metaBySession = new Map<string, AgentMeta>(metas.map((m) => [sessionIdOf({ rootSessionId: m.parentSessionId, agentId: m.agentId }), m.meta]));
  for (const { group, times, firstPrompt: prompt } of sessions) {
    const call = spawnedBy.get(group.id);
    const agentType = call?.subagentType ?? metaBySession.get(group.id)?.agentType ?? null;
    batch.sessions.push(sessionRecord(group, times, { firstPrompt: prompt, spawned: call !== undefined, agentType }));
  }

  batch.spawns = [...spawnRecords(taskCalls, links, new Set(groups.map((g) => g.id))), ...internalRuns.spawns].sort((a, b) => compareText(a.spanId, b.spanId));
  batch.spans.sort((a, b) => compareText(a.sessionId, b.sessionId) || a.seq - b.seq);
  batch.rejections.sort(byLocation);
  return batch;
}
