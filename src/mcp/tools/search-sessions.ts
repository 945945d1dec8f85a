// search_sessions: the way into everything else. Filters map onto GraphQL `sessions(where, orderBy)`
// one to one, so a model's question ("my failed sessions last week, dearest first") is one call;
// each row is one line's worth of facts plus the id the other tools take.
import { z } from 'zod';
import { defineTool } from '../tool.ts';
import { oneLine, toYaml, usd } from '../present.ts';

const ORDER = {
  newest: { field: 'STARTED_AT', direction: 'DESC' },
  oldest: { field: 'STARTED_AT', direction: 'ASC' },
  most_expensive: { field: 'TOTAL_COST_USD', direction: 'DESC' },
  most_spans: { field: 'SPAN_COUNT', direction: 'DESC' },
} as const;

const QUERY = `query SearchSessions($where: SessionWhere, $orderBy: SessionOrder, $first: Int, $after: String) {
  sessions(where: $where, orderBy: $orderBy, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id agentId skill role status startedAt durationMs task outcome inferredOutcome { result }
      totalCostUsd ownCostUsd inclusiveIsLowerBound missingSubagents totalUnpricedCalls spanCount pending childSessions { id }
    }
  }
}`;

interface SessionRow {
  id: string;
  agentId: string | null;
  skill: string | null;
  role: string;
  status: string;
  startedAt: string | null;
  durationMs: number | null;
  task: string | null;
  outcome: string | null;
  inferredOutcome: { result: string } | null;
  totalCostUsd: number;
  ownCostUsd: number;
  inclusiveIsLowerBound: boolean;
  missingSubagents: number;
  totalUnpricedCalls: number;
  spanCount: number;
  pending: boolean;
  childSessions: Array<{ id: string }>;
}

interface Answer {
  sessions: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: SessionRow[] };
}

const time = z.iso.datetime({ offset: true });

export const searchSessions = defineTool({
  name: 'search_sessions',
  title: 'Search sessions',
  description:
    'List agent sessions of this project with their cost, filtered and ordered. Start here: the ids it returns are what ' +
    'get_tracecard, redundant_calls and cost_rollup take. By default only top-level sessions (their cost includes ' +
    'sub-agents); set rootOnly false to see sub-agent sessions too. Costs are USD, rounded.',
  input: {
    agentId: z.string().max(512).optional().describe('only sessions of this agent id'),
    skill: z.string().max(512).optional().describe('only sessions recorded for this skill'),
    source: z.enum(['OPENCLAW', 'CLAUDE_CODE', 'OTLP', 'EVENTS', 'TAU_BENCH']).optional(),
    status: z.enum(['OPEN', 'COMPLETED', 'FAILED']).optional(),
    outcome: z.enum(['SUCCESS', 'FAILURE']).optional().describe('recorded outcome'),
    hasErrors: z.boolean().optional().describe('true: only sessions with a failed span; false: only without'),
    rootOnly: z.boolean().default(true).describe('only sessions no other session spawned (default true)'),
    minTotalCostUsd: z.number().min(0).optional().describe('total cost including sub-agents at least this'),
    startedAfter: time.optional().describe('ISO-8601 time, inclusive'),
    startedBefore: time.optional().describe('ISO-8601 time, exclusive'),
    orderBy: z.enum(['newest', 'oldest', 'most_expensive', 'most_spans']).default('newest'),
    first: z.number().int().min(1).max(50).default(10).describe('page size, 1–50'),
    after: z.string().max(500).optional().describe('nextCursor of a previous answer'),
  },
  readOnly: true,
  async run(args, graphql) {
    const startedAt = args.startedAfter || args.startedBefore ? { from: args.startedAfter, to: args.startedBefore } : undefined;
    const where = {
      agentId: args.agentId,
      skill: args.skill,
      source: args.source,
      status: args.status,
      outcome: args.outcome,
      hasErrors: args.hasErrors,
      rootOnly: args.rootOnly || undefined,
      minTotalCostUsd: args.minTotalCostUsd,
      startedAt,
    };
    const { sessions } = await graphql.query<Answer>(QUERY, { where, orderBy: ORDER[args.orderBy], first: args.first, after: args.after });
    return toYaml({
      matching: sessions.totalCount,
      shown: sessions.nodes.length,
      nextCursor: sessions.pageInfo.hasNextPage ? sessions.pageInfo.endCursor : null,
      sessions: sessions.nodes.map((s) => ({
        id: s.id,
        startedAt: s.startedAt,
        agent: s.agentId,
        skill: s.skill,
        role: s.role === 'MAIN' ? null : s.role,
        status: s.status,
        outcome: s.outcome ?? (s.inferredOutcome ? `${s.inferredOutcome.result} (inferred)` : null),
        totalUsd: usd(s.totalCostUsd),
        // Sub-agents that ran but are not in the graph: the total leaves them out.
        totalIsLowerBound: s.inclusiveIsLowerBound ? `yes: ${s.missingSubagents} sub-agent(s) missing` : null,
        ownUsd: s.childSessions.length > 0 ? usd(s.ownCostUsd) : null,
        unpricedCalls: s.totalUnpricedCalls || null,
        spans: s.spanCount,
        subAgents: s.childSessions.length || null,
        minutes: s.durationMs === null ? null : Math.round(s.durationMs / 6000) / 10,
        pending: s.pending || null,
        task: oneLine(s.task, 140),
      })),
    });
  },
});
