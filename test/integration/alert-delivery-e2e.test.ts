// From spans to a webhook POST through the real server (issue 21): a session runs past a budget,
// the finaliser fires its alerts, the alert bus wakes the delivery worker, and the receiver gets
// each alert once. The worker's idle poll is set to a minute, so a prompt delivery shows the
// finaliser → bus → worker hook works, not the poll.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryWorker } from '../../src/alerts/delivery-worker.ts';
import { startServer, type RunningServer } from '../../src/api/server.ts';
import { createPricer } from '../../src/domain/cost/index.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { createWebhook } from '../../src/graph/webhooks.ts';
import { alertIdsOf, startReceiver, storedDeliveries, until, type Receiver } from '../helpers/alert-delivery.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';
import { runawayRequests, runawaySession } from '../helpers/runaway-otlp.ts';
import { gql, ok } from './graphql-client.ts';

const project = randomProjectId('alerts-e2e');
let graph: Graph;
let server: RunningServer;
let receiver: Receiver;

beforeAll(async () => {
  graph = await connectTestGraph();
  receiver = await startReceiver();
  const deliveryWorker = new DeliveryWorker(graph, { projectId: project, idlePollMs: 60_000 });
  server = await startServer({ graph, pricer: createPricer(), host: '127.0.0.1', projectFor: async () => project, deliveryWorker }, 0);
});

afterAll(async () => {
  await server?.close();
  await receiver?.close();
  await graph?.close();
});

describe('alerts fired by the finaliser reach the webhook', () => {
  it('POSTs each fired alert once, woken by the alert bus', async () => {
    await createWebhook(graph, project, { url: receiver.url, format: 'JSON', secret: null });
    ok(await gql(server.url, `mutation { createBudget(input: {name: "session cap", scope: PROJECT, window: SESSION, warnUsd: 1, limitUsd: 2}) { budget { id } } }`));
    // Ten calls at $0.25: the warning at the 4th, the limit at the 8th.
    const runaway = runawaySession({ tag: 7101, conversationId: `runaway-${project}`, calls: 10, costPerCallUsd: 0.25, stepMs: 30_000 });
    for (const body of runawayRequests(runaway.spans, 50)) {
      const res = await fetch(`${server.url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(res.status).toBe(200);
    }
    await until(() => receiver.received.length >= 2, 30_000, 'two alert POSTs');
    const fired = ok(await gql<{ alerts: { nodes: Array<{ id: string; level: string }> } }>(server.url, 'query { alerts(first: 100) { nodes { id level } } }')).alerts.nodes;
    expect(fired.map((a) => a.level).sort()).toEqual(['LIMIT', 'WARNING']);
    expect(alertIdsOf(receiver).sort()).toEqual(fired.map((a) => a.id).sort());
    await until(async () => (await storedDeliveries(graph, project)).every((d) => d.status === 'DELIVERED'), 10_000, 'recorded deliveries');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.received).toHaveLength(2);
  });
});
