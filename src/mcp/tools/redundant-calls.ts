// redundant_calls: the waste, in dollars, with what to do about each kind. The summary covers every
// finding fetched (up to the API's cap of 1000, the most wasteful first); only the top rows are
// listed one by one, each with the repeated call's arguments so the model sees *what* was repeated.
import { z } from 'zod';
import { defineTool } from '../tool.ts';
import { oneLine, percent, toYaml, usd } from '../present.ts';
import { ToolError } from '../tool-error.ts';

const KINDS = ['EXACT_DUPLICATE', 'REREAD', 'FAILED_RETRY', 'REPEATED_LLM_REQUEST', 'DUPLICATE_SUBAGENT', 'POLL_LOOP', 'HANDOFF'] as const;
/** The API's cap on redundantCalls(first). */
const MAX_FINDINGS = 1000;

/** What a model should do differently, per kind (the remedies CostCraft writes into SKILL.md). */
const REMEDY: Record<(typeof KINDS)[number], string> = {
  EXACT_DUPLICATE: 'reuse the earlier result: nothing in between could have changed it',
  REREAD: 'reuse what was already read unless it was changed since',
  FAILED_RETRY: 'do not retry a failed call unchanged: change the arguments or stop',
  REPEATED_LLM_REQUEST: 'do not resend the same model request',
  DUPLICATE_SUBAGENT: 'do not spawn the same sub-agent task twice: reuse its report',
  POLL_LOOP: 'wait longer between checks, back off or block on the result; never reuse a poll result',
  HANDOFF: 'pass the content along in the spawn task instead of having the other session read it again',
};

const QUERY = `query RedundantCalls($where: RedundancyWhere, $first: Int, $sessionId: ID!, $withSession: Boolean!) {
  session(id: $sessionId) @include(if: $withSession) { totalCostUsd }
  redundantCalls(where: $where, first: $first) {
    kind spanId sessionId repeatsSpanId toolName model wastedUsd wastedTokens tokensEstimated wastedMs
    span { argsCanonical }
  }
}`;

interface Finding {
  kind: (typeof KINDS)[number];
  spanId: string;
  sessionId: string;
  repeatsSpanId: string;
  toolName: string | null;
  model: string | null;
  wastedUsd: number | null;
  wastedTokens: number;
  tokensEstimated: boolean;
  wastedMs: number;
  span: { argsCanonical: string | null } | null;
}

export const redundantCalls = defineTool({
  name: 'redundant_calls',
  title: 'Redundant calls and waste',
  description:
    'Calls that repeated an earlier one (duplicates, rereads, unchanged retries, poll loops, hand-offs between sessions, ' +
    'repeated model requests or sub-agents) with the dollars, tokens and time they wasted and the remedy per kind. ' +
    'Give sessionId for one session and its sub-agents; omit it for the whole project.',
  input: {
    sessionId: z.string().min(1).max(2000).optional().describe('a session id; omit for the whole project'),
    kind: z.enum(KINDS).optional(),
    top: z.number().int().min(1).max(50).default(10).describe('findings listed one by one (1–50), the most wasteful first'),
  },
  readOnly: true,
  async run(args, graphql) {
    const where = { sessionId: args.sessionId, kind: args.kind };
    const { redundantCalls: findings, session } = await graphql.query<{ redundantCalls: Finding[]; session?: { totalCostUsd: number } | null }>(QUERY, {
      where,
      first: MAX_FINDINGS,
      sessionId: args.sessionId ?? '',
      withSession: args.sessionId !== undefined,
    });
    if (args.sessionId !== undefined && !session) throw new ToolError('NOT_FOUND', `No session "${args.sessionId}" in this project; search_sessions lists session ids`);
    const wasted = findings.reduce((t, f) => t + (f.wastedUsd ?? 0), 0);
    const byKind = new Map<string, { kind: string; findings: number; wastedUsd: number; unpriced: number; wastedTokens: number; wastedMs: number }>();
    for (const f of findings) {
      const k = byKind.get(f.kind) ?? { kind: f.kind, findings: 0, wastedUsd: 0, unpriced: 0, wastedTokens: 0, wastedMs: 0 };
      k.findings++;
      if (f.wastedUsd === null) k.unpriced++;
      else k.wastedUsd += f.wastedUsd;
      k.wastedTokens += f.wastedTokens;
      k.wastedMs += f.wastedMs;
      byKind.set(f.kind, k);
    }
    const kinds = [...byKind.values()].sort((a, b) => b.wastedUsd - a.wastedUsd || b.findings - a.findings);
    return toYaml({
      scope: args.sessionId ? `session ${args.sessionId} and its sub-agents` : 'whole project',
      findings: findings.length,
      capped: findings.length === MAX_FINDINGS ? `only the ${MAX_FINDINGS} most wasteful findings are summed` : null,
      wastedUsd: usd(wasted),
      sessionTotalUsd: session ? usd(session.totalCostUsd) : null,
      wastedPctOfSession: session ? percent(wasted, session.totalCostUsd) : null,
      byKind: kinds.map((k) => ({
        kind: k.kind.toLowerCase(),
        findings: k.findings,
        wastedUsd: usd(k.wastedUsd),
        wasteUnknown: k.unpriced || null,
        wastedTokens: Math.round(k.wastedTokens),
        wastedSeconds: Math.round(k.wastedMs / 100) / 10,
        remedy: REMEDY[k.kind as (typeof KINDS)[number]],
      })),
      top: findings.slice(0, args.top).map((f, i, shown) => ({
        kind: f.kind.toLowerCase(),
        spanId: f.spanId,
        repeats: f.repeatsSpanId,
        session: args.sessionId && f.sessionId === args.sessionId ? null : f.sessionId,
        tool: f.toolName,
        model: f.toolName ? null : f.model,
        // Repeats of one call often follow each other: its arguments are shown once.
        args: i > 0 && shown[i - 1]!.span?.argsCanonical === f.span?.argsCanonical ? '(same as above)' : oneLine(f.span?.argsCanonical, 120),
        wastedUsd: usd(f.wastedUsd),
        wastedTokens: Math.round(f.wastedTokens),
        tokensEstimated: f.tokensEstimated || null,
      })),
    });
  },
});
