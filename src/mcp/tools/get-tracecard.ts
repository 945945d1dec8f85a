// get_tracecard: the TraceCard is already built for a model's context (deterministic YAML, a token
// budget with explicit truncation), so the tool hands it over as it is.
import { z } from 'zod';
import { defineTool } from '../tool.ts';
import { ToolError } from '../tool-error.ts';

const QUERY = `query TraceCard($sessionId: ID!, $budgetTokens: Int) {
  traceCard(sessionId: $sessionId, budgetTokens: $budgetTokens) { yaml }
}`;

export const getTraceCard = defineTool({
  name: 'get_tracecard',
  title: 'Session TraceCard',
  description:
    "A session's TraceCard: compact YAML of what it (and its sub-agents) spent and why: totals own and inclusive, tokens " +
    'by kind, the dearest steps with flags, sub-agents, failures and recovery, redundant calls with wasted $, cost by ' +
    'model and tool. Refs like "s0#12" are <session of the tree>#<step seq>.',
  input: {
    sessionId: z.string().min(1).max(2000).describe('a session id from search_sessions, e.g. openclaw:3c0cbde4-…'),
    budgetTokens: z.number().int().min(64).max(8192).default(512).describe('size cap of the card in tokens (64–8192, default 512)'),
  },
  readOnly: true,
  async run(args, graphql) {
    const { traceCard } = await graphql.query<{ traceCard: { yaml: string } | null }>(QUERY, args);
    if (!traceCard) throw new ToolError('NOT_FOUND', `No session "${args.sessionId}" in this project; search_sessions lists session ids`);
    return traceCard.yaml;
  },
});
