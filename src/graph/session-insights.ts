// What the sessions say about themselves when nobody tagged them (DESIGN §7), derived from the
// spans already in the graph so it is the same for every source: the skills a session used (with
// how each was detected), the recurring task it ran for (a cohort), and an inferred outcome.
// Runs as a finalisation step; idempotent (each run replaces the sessions' derived insights).
import { inferOutcome, type OutcomeFacts } from '../domain/insights/infer-outcome.ts';
import { skillsOfPrompt, skillsOfSpan, type DetectedSkill } from '../domain/insights/skills.ts';
import { taskCohortOf } from '../domain/insights/task-cohort.ts';
import { int, type Graph, type Row } from './driver.ts';
import { forEachChunk } from './parallel.ts';

/** Sessions per transaction; the writes touch shared Skill / Cohort nodes, so one at a time. */
const CHUNK = 200;

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const obj = (v: unknown): Record<string, unknown> | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

function stopReasonOf(attributesJson: unknown): string | null {
  if (typeof attributesJson !== 'string') return null;
  try {
    const a = JSON.parse(attributesJson) as Record<string, unknown>;
    return str(a.stopReason) ?? str(a.finishReason);
  } catch {
    return null;
  }
}

/** One detection per (session, skill, how), counting how often it was seen; the first version seen is kept. */
function detectionRows(row: Row): Array<DetectedSkill & { count: number }> {
  const sessionId = String(row.sessionId);
  const found: DetectedSkill[] = [];
  for (const span of Array.isArray(row.spans) ? row.spans : []) {
    const s = obj(span);
    if (!s) continue;
    found.push(
      ...skillsOfSpan({
        sessionId,
        spanId: String(s.id),
        toolName: str(s.toolName),
        argsCanonical: str(s.argsCanonical),
        attributesJson: str(s.attributesJson),
        skillContentHash: str(s.skillContentHash),
      }),
    );
  }
  found.push(...skillsOfPrompt(sessionId, str(row.task)));
  const byKey = new Map<string, DetectedSkill & { count: number }>();
  for (const d of found) {
    const key = `${d.name}\u0000${d.detectedBy}`;
    const seen = byKey.get(key);
    if (seen) {
      seen.count++;
      if (!seen.versionHash && d.versionHash) seen.versionHash = d.versionHash;
      if (!seen.versionLabel && d.versionLabel) seen.versionLabel = d.versionLabel;
    } else byKey.set(key, { ...d, count: 1 });
  }
  return [...byKey.values()];
}

export function outcomeFactsOf(row: Row): OutcomeFacts {
  const llm = obj(row.lastLlm);
  const last = obj(row.lastStep);
  const unrecovered = (Array.isArray(row.unrecovered) ? row.unrecovered : []).map(obj).filter((u) => u !== null);
  return {
    sessionStatus: str(row.status),
    lastLlm: llm && llm.id ? { spanId: String(llm.id), status: str(llm.status), stopReason: stopReasonOf(llm.attributesJson), text: str(llm.textPreview), error: str(llm.errorMessage) } : null,
    lastStep: last && last.id ? { spanId: String(last.id), kind: String(last.kind), toolName: str(last.toolName) } : null,
    unrecovered: unrecovered.map((u) => ({ spanId: String(u.id), toolName: str(u.toolName), error: str(u.errorMessage) })),
  };
}

async function refreshChunk(graph: Graph, projectId: string, sessionIds: string[]): Promise<void> {
  const [candidates, facts] = await Promise.all([
    graph.read('insights/skill-candidates', { projectId, sessionIds }),
    graph.read('insights/outcome-facts', { projectId, sessionIds }),
  ]);
  const detections = candidates.flatMap(detectionRows).map((d) => ({ ...d, versionHash: d.versionHash ?? null, versionLabel: d.versionLabel ?? null, count: int(d.count) }));
  const cohorts = candidates.map((r) => {
    const c = taskCohortOf(str(r.task), str(r.sessionKey));
    return { sessionId: String(r.sessionId), key: c?.key ?? null, name: c?.name ?? null, detectedBy: c?.detectedBy ?? null };
  });
  const outcomes = facts.map((r) => {
    const inferred = inferOutcome(outcomeFactsOf(r));
    return {
      sessionId: String(r.sessionId),
      result: inferred?.result ?? null,
      confidence: inferred?.confidence ?? null,
      evidenceJson: inferred ? JSON.stringify(inferred.evidence) : null,
    };
  });
  await graph.write('insights/store-skills', { projectId, sessionIds, detections });
  await graph.write('insights/store-task-cohorts', { projectId, rows: cohorts });
  await graph.write('insights/store-inferred-outcomes', { projectId, rows: outcomes });
}

/**
 * Detects skills, recurring-task cohorts and inferred outcomes of the given sessions from their
 * spans. Call after the sessions' spans and spawn links are written (finaliseSessions does).
 */
export async function refreshSessionInsights(graph: Graph, projectId: string, sessionIds: string[]): Promise<void> {
  if (sessionIds.length === 0) return;
  await forEachChunk([...new Set(sessionIds)], CHUNK, (chunk) => refreshChunk(graph, projectId, chunk), 1);
}

export interface SkillUse {
  name: string;
  detectedBy: string;
  spanId: string | null;
  detections: number;
}

/** The skills detected in each given session, keyed by session id (the GraphQL loader's batch). */
export async function skillsUsedBySessions(graph: Graph, projectId: string, sessionIds: readonly string[]): Promise<Map<string, SkillUse[]>> {
  const rows = await graph.read('insights/skills-of-sessions', { projectId, sessionIds: [...sessionIds] });
  const out = new Map<string, SkillUse[]>();
  for (const r of rows) {
    const list = out.get(String(r.sessionId)) ?? [];
    list.push({ name: String(r.name), detectedBy: String(r.detectedBy), spanId: str(r.spanId), detections: Number(r.detections) });
    out.set(String(r.sessionId), list);
  }
  return out;
}
