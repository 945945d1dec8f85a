// Repository: the catalog of agents, models, tools and skills of a project, each with usage stats.
import { int, type Graph, type Row } from './driver.ts';

/** Catalog lists are short in practice; the cap keeps an odd project from returning megabytes. */
export const CATALOG_LIMIT = 1000;

export interface AgentStats {
  id: string;
  name: string | null;
  sessions: number;
  costUsd: number;
  firstSeenAt: string | null;
  lastSeenAt: string | null;
}

export interface ModelStats {
  id: string;
  provider: string | null;
  calls: number;
  errors: number;
  sessions: number;
  costUsd: number;
  unpricedCalls: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

export interface ToolStats {
  name: string;
  calls: number;
  errors: number;
  sessions: number;
  durationMs: number;
}

export interface SkillStats {
  name: string;
  sessions: number;
  successes: number;
  failures: number;
  averageScore: number | null;
  costUsd: number;
}

const optStr = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** All agents, or only `ids` (for batched lookups). */
export async function agentStats(graph: Graph, projectId: string, ids: readonly string[] | null = null): Promise<AgentStats[]> {
  const rows = await graph.read('catalog/agents', { projectId, ids: ids ? [...ids] : null, limit: int(CATALOG_LIMIT) });
  return rows.map((r) => ({
    id: String(r.id),
    name: optStr(r.name),
    sessions: Number(r.sessions),
    costUsd: Number(r.costUsd),
    firstSeenAt: optStr(r.firstSeenAt),
    lastSeenAt: optStr(r.lastSeenAt),
  }));
}

export async function modelStats(graph: Graph, projectId: string): Promise<ModelStats[]> {
  const rows = await graph.read('catalog/models', { projectId, limit: int(CATALOG_LIMIT) });
  return rows.map((r: Row) => ({
    id: String(r.id),
    provider: optStr(r.provider),
    calls: Number(r.calls),
    errors: Number(r.errors),
    sessions: Number(r.sessions),
    costUsd: Number(r.costUsd),
    unpricedCalls: Number(r.unpricedCalls),
    inputTokens: Number(r.inputTokens),
    outputTokens: Number(r.outputTokens),
    cacheReadTokens: Number(r.cacheReadTokens),
    cacheWriteTokens: Number(r.cacheWriteTokens),
  }));
}

export async function toolStats(graph: Graph, projectId: string): Promise<ToolStats[]> {
  const rows = await graph.read('catalog/tools', { projectId, limit: int(CATALOG_LIMIT) });
  return rows.map((r) => ({
    name: String(r.name),
    calls: Number(r.calls),
    errors: Number(r.errors),
    sessions: Number(r.sessions),
    durationMs: Number(r.durationMs),
  }));
}

export async function skillStats(graph: Graph, projectId: string): Promise<SkillStats[]> {
  const rows = await graph.read('catalog/skills', { projectId, limit: int(CATALOG_LIMIT) });
  return rows.map((r) => ({
    name: String(r.name),
    sessions: Number(r.sessions),
    successes: Number(r.successes),
    failures: Number(r.failures),
    averageScore: r.averageScore === null || r.averageScore === undefined ? null : Number(r.averageScore),
    costUsd: Number(r.costUsd),
  }));
}
