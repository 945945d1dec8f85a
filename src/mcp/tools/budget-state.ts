// budget_state: an agent asks how its session stands against the budgets and alert rules that
// cover it before it starts something expensive (the OpenClaw plugin polls the same figures).
import { z } from 'zod';
import { defineTool } from '../tool.ts';
import { toYaml, usd } from '../present.ts';

const QUERY = `query BudgetState($sessionId: ID!) {
  budgetState(sessionId: $sessionId) {
    sessionId rootSessionId status spentUsd
    alerts { kind level ruleName message observedUsd thresholdUsd spanId firedAt }
  }
}`;

interface Answer {
  budgetState: {
    sessionId: string;
    rootSessionId: string | null;
    status: string;
    spentUsd: number | null;
    alerts: Array<{ kind: string; level: string; ruleName: string; message: string; observedUsd: number; thresholdUsd: number | null; spanId: string | null; firedAt: string }>;
  };
}

export const budgetStateTool = defineTool({
  name: 'budget_state',
  title: 'Budget state of a session',
  description:
    'Where a session stands against the budgets and alert rules that cover it: status OK, WARNING (a warning level, ' +
    'spend-rate or waste rule crossed) or LIMIT (a spend limit crossed: stop spending), the tree\'s spend so far, and ' +
    'the alerts behind the status with the step that crossed each.',
  input: {
    sessionId: z.string().min(1).max(2000).describe('a session id from search_sessions, e.g. otel:run-42'),
  },
  readOnly: true,
  async run(args, graphql) {
    const { budgetState: state } = await graphql.query<Answer>(QUERY, args);
    return toYaml({
      session: state.sessionId,
      root: state.rootSessionId,
      status: state.status,
      spentUsd: usd(state.spentUsd),
      alerts: state.alerts.map((a) => ({
        kind: a.kind,
        level: a.level,
        rule: a.ruleName,
        message: a.message,
        observedUsd: usd(a.observedUsd),
        thresholdUsd: usd(a.thresholdUsd),
        step: a.spanId,
        at: a.firedAt,
      })),
    });
  },
});
