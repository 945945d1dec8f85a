// cost_rollup: "what did I spend on X" for any dimension of GraphQL `costRollup`, as ranked rows
// with each row's share, so a model reads the answer instead of adding up a table. The rows beyond
// `top` are summed, never dropped silently.
import { z } from 'zod';
import { defineTool } from '../tool.ts';
import { percent, toYaml, usd } from '../present.ts';

const DIMENSIONS = ['model', 'provider', 'agent', 'skill', 'session', 'source', 'day', 'week', 'hour', 'tool'] as const;

const QUERY = `query CostRollup($groupBy: [RollupDimension!]!, $where: RollupWhere, $timeRange: TimeRange) {
  costRollup(groupBy: $groupBy, where: $where, timeRange: $timeRange) {
    key1 key2 costUsd costBasis llmCalls toolCalls errors inputTokens outputTokens cacheReadTokens cacheWriteTokens
    unpricedCalls sessions
  }
}`;

interface RollupRow {
  key1: string | null;
  key2: string | null;
  costUsd: number;
  costBasis: string;
  llmCalls: number;
  toolCalls: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  unpricedCalls: number;
  sessions: number;
}

const time = z.iso.datetime({ offset: true });

export const costRollup = defineTool({
  name: 'cost_rollup',
  title: 'Cost rollup',
  description:
    'Spend grouped by one or two dimensions (model, provider, agent, skill, session, source, day, week, hour, tool), ' +
    'dearest first with each row\'s share of the total; optional filters and time range. LLM dimensions carry the calls\' ' +
    'own cost; "tool" rows carry cost attributed from the LLM call that requested them (tool only as the first ' +
    'dimension). Unpriced calls (unknown model) are counted, never priced as $0.',
  input: {
    groupBy: z.array(z.enum(DIMENSIONS)).min(1).max(2).describe('one or two dimensions, e.g. ["model"] or ["day","model"]'),
    agentId: z.string().max(512).optional(),
    skill: z.string().max(512).optional(),
    source: z.enum(['OPENCLAW', 'CLAUDE_CODE', 'OTLP', 'EVENTS', 'TAU_BENCH']).optional(),
    sessionIds: z.array(z.string().min(1).max(2000)).max(100).optional().describe('only these sessions (not their sub-agents)'),
    from: time.optional().describe('ISO-8601 start, inclusive'),
    to: time.optional().describe('ISO-8601 end, exclusive'),
    sort: z.enum(['cost', 'key']).default('cost').describe('cost: dearest first (default); key: by key, e.g. chronological days'),
    top: z.number().int().min(1).max(100).default(20).describe('rows shown (1–100); the rest are summed'),
  },
  readOnly: true,
  async run(args, graphql) {
    const where = { agentId: args.agentId, skill: args.skill, source: args.source, sessionIds: args.sessionIds };
    const timeRange = args.from || args.to ? { from: args.from, to: args.to } : undefined;
    const groupBy = args.groupBy.map((d) => d.toUpperCase());
    const { costRollup: rows } = await graphql.query<{ costRollup: RollupRow[] }>(QUERY, { groupBy, where, timeRange });
    const sorted =
      args.sort === 'cost'
        ? [...rows].sort((a, b) => b.costUsd - a.costUsd || String(a.key1).localeCompare(String(b.key1)))
        : [...rows].sort((a, b) => `${a.key1}\u0000${a.key2}`.localeCompare(`${b.key1}\u0000${b.key2}`));
    const total = rows.reduce((t, r) => t + r.costUsd, 0);
    const shown = sorted.slice(0, args.top);
    const rest = sorted.slice(args.top);
    const [dim1, dim2] = args.groupBy;
    return toYaml({
      groupBy: args.groupBy,
      costBasis: rows[0]?.costBasis.toLowerCase() ?? (dim1 === 'tool' ? 'attributed' : 'own'),
      totalUsd: usd(total),
      unpricedCalls: rows.reduce((t, r) => t + r.unpricedCalls, 0) || null,
      rowCount: rows.length,
      rows: shown.map((r) => ({
        [dim1!]: r.key1 ?? '(none)',
        ...(dim2 ? { [dim2]: r.key2 ?? '(none)' } : {}),
        usd: usd(r.costUsd),
        sharePct: percent(r.costUsd, total),
        llmCalls: r.llmCalls || null,
        toolCalls: r.toolCalls || null,
        errors: r.errors || null,
        sessions: r.sessions,
        tokens: { in: r.inputTokens || null, out: r.outputTokens || null, cacheRead: r.cacheReadTokens || null, cacheWrite: r.cacheWriteTokens || null },
        unpricedCalls: r.unpricedCalls || null,
      })),
      otherRows: rest.length ? { rows: rest.length, usd: usd(rest.reduce((t, r) => t + r.costUsd, 0)) } : null,
    });
  },
});
