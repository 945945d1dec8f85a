// DataLoaders, created per request (a cache shared across requests would leak between projects
// and go stale). Every lookup a field makes per parent object goes through one of these, so a page
// of N sessions costs a constant number of queries, not N.
import DataLoader from 'dataloader';
import { boundKey } from '../../domain/bound-key.ts';
import type { Graph } from '../../graph/driver.ts';
import { agentStats, type AgentStats } from '../../graph/catalog.ts';
import { missingSubagentsOf, type MissingSubagent } from '../../graph/missing-subagents.ts';
import { outcomesOfSessions, type OutcomeNode } from '../../graph/outcomes.ts';
import { spanCostsByIds, type SpanCost } from '../../graph/rollups.ts';
import { skillsUsedBySessions, type SkillUse } from '../../graph/session-insights.ts';
import {
  childSessionsOf,
  sessionsByIds,
  spanPages,
  spansByIds,
  type Keyset,
  type SessionNode,
  type SpanFilter,
  type SpanNode,
  type SpanPage,
} from '../../graph/sessions.ts';

export interface Loaders {
  session: DataLoader<string, SessionNode | null>;
  span: DataLoader<string, SpanNode | null>;
  childSessions: DataLoader<string, SessionNode[]>;
  outcomes: DataLoader<string, OutcomeNode[]>;
  /** Unresolved sub-agent spawns (missing / pending) in a session's tree. */
  missingSubagents: DataLoader<string, MissingSubagent[]>;
  /** Skills detected in a session (USED_SKILL), with how. */
  skillsUsed: DataLoader<string, SkillUse[]>;
  agent: DataLoader<string, AgentStats | null>;
  /** Own and inclusive cost of a span (batched over the spans a request asks about). */
  spanCost: DataLoader<string, SpanCost | null>;
  /**
   * The database version now (Graph.dataVersion): one read for every field asking in the same tick,
   * never remembered, so a field resolved after a mutation sees the mutation's version.
   */
  dataVersion(): Promise<string>;
  /** A page of a session's spans; sessions asking with the same filter/size/cursor share a query. */
  spanPage(filter: SpanFilter, limit: number, after: Keyset<number> | null): DataLoader<string, SpanPage>;
}

/** Orders batch results like the keys (DataLoader's contract), null where nothing was found. */
function byKey<T>(keys: readonly string[], items: T[], keyOf: (item: T) => string): Array<T | null> {
  const found = new Map(items.map((item) => [keyOf(item), item] as const));
  return keys.map((k) => found.get(boundKey(k)) ?? null);
}

/** Session and span ids are stored bounded (src/domain/bound-key.ts): a long id is looked up so. */
const boundedIds = (ids: readonly string[]) => ids.map(boundKey);

export function createLoaders(graph: Graph, projectId: string): Loaders {
  const span = new DataLoader<string, SpanNode | null>(async (ids) => byKey(ids, await spansByIds(graph, projectId, boundedIds(ids)), (s) => s.id));
  const pageLoaders = new Map<string, DataLoader<string, SpanPage>>();
  const version = new DataLoader<'now', string>(
    async (keys) => {
      const current = await graph.dataVersion();
      return keys.map(() => current);
    },
    { cache: false },
  );
  return {
    dataVersion: () => version.load('now'),
    session: new DataLoader(async (ids) => byKey(ids, await sessionsByIds(graph, projectId, boundedIds(ids)), (s) => s.id)),
    span,
    childSessions: new DataLoader(async (ids) => {
      const found = await childSessionsOf(graph, projectId, ids);
      return ids.map((id) => found.get(id) ?? []);
    }),
    outcomes: new DataLoader(async (ids) => {
      const found = await outcomesOfSessions(graph, projectId, ids);
      return ids.map((id) => found.get(id) ?? []);
    }),
    missingSubagents: new DataLoader(async (ids) => {
      const found = await missingSubagentsOf(graph, projectId, ids);
      return ids.map((id) => found.get(id) ?? []);
    }),
    skillsUsed: new DataLoader(async (ids) => {
      const found = await skillsUsedBySessions(graph, projectId, ids);
      return ids.map((id) => found.get(id) ?? []);
    }),
    agent: new DataLoader(async (ids) => byKey(ids, await agentStats(graph, projectId, ids), (a) => a.id)),
    // One query for all the spans of a tree page (or every span field asked in a request).
    spanCost: new DataLoader(async (ids) => byKey(ids, await spanCostsByIds(graph, projectId, ids), (c) => c.spanId), { maxBatchSize: 2000 }),
    spanPage(filter, limit, after) {
      const key = JSON.stringify([filter.kinds ?? null, filter.status ?? null, filter.toolName ?? null, filter.model ?? null, limit, after]);
      let loader = pageLoaders.get(key);
      if (!loader) {
        loader = new DataLoader<string, SpanPage>(async (sessionIds) => {
          const pages = await spanPages(graph, projectId, sessionIds, filter, limit, after);
          for (const page of pages.values()) for (const s of page.spans) span.prime(s.id, s);
          return sessionIds.map((id) => pages.get(id) ?? { spans: [], total: 0 });
        });
        pageLoaders.set(key, loader);
      }
      return loader;
    },
  };
}
