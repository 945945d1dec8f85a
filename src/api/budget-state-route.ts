// GET /v1/budget-state?sessionId=…: where a session stands against its budgets, for agents that
// enforce them (the OpenClaw plugin polls it in the background). The id is the one the caller
// sends its spans under: a plugin's OpenClaw session id (stored as `events:<id>`), an OTLP
// conversation id (`otel:<id>`), or a stored session id. An unknown session is OK: no spend yet.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { budgetState } from '../alerts/budget-state.ts';
import { boundKey } from '../domain/bound-key.ts';
import { sessionIdOf } from '../sources/events/index.ts';
import { otelSessionId } from '../sources/otlp/ids.ts';
import type { AppContext } from './context.ts';
import { HttpError, sendJson } from './http.ts';

const MAX_ID = 10_000;

export async function getBudgetState(ctx: AppContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const projectId = await ctx.projectFor(req);
  const id = url.searchParams.get('sessionId');
  if (!id) throw new HttpError(400, 'BAD_REQUEST', 'GET /v1/budget-state needs ?sessionId= (the session id your spans or events carry)');
  if (id.length > MAX_ID) throw new HttpError(400, 'BAD_REQUEST', `sessionId: at most ${MAX_ID} characters`);
  const now = Date.now();
  let state = await budgetState(ctx.graph, projectId, boundKey(sessionIdOf(id)), now);
  for (const stored of [otelSessionId(id), id]) {
    if (state.rootSessionId === null) state = await budgetState(ctx.graph, projectId, boundKey(stored), now);
  }
  sendJson(res, 200, {
    sessionId: id,
    rootSessionId: state.rootSessionId,
    status: state.status,
    spentUsd: state.spentUsd,
    alerts: state.alerts.map((a) => ({
      id: a.id,
      kind: a.kind,
      level: a.level,
      message: a.message,
      ruleName: a.ruleName,
      observedUsd: a.observedUsd,
      thresholdUsd: a.thresholdUsd,
      firedAt: a.firedAt,
      sessionId: a.sessionId,
      spanId: a.spanId,
    })),
    checkedAt: new Date(now).toISOString(),
  });
}
