// Alert delivery against the real Neo4j and real HTTP receivers (issue 21): one POST per alert per
// webhook, retries with back-off, FAILED with the reason, two workers on one project never POSTing
// one delivery twice, a worker stopped mid-way and another finishing the rest, signatures, the
// Slack body, tenancy, and the GraphQL resolvers over the same data.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryWorker, type DeliveryWorkerOptions } from '../../src/alerts/delivery-worker.ts';
import { webhookResolvers } from '../../src/api/graphql/webhook-resolvers.ts';
import type { GraphQLContext } from '../../src/api/graphql/context.ts';
import { claimDueDeliveries, createMissingDeliveries } from '../../src/graph/alert-deliveries.ts';
import type { Graph } from '../../src/graph/driver.ts';
import { createWebhook, deleteWebhook, listWebhooks, type WebhookFormat } from '../../src/graph/webhooks.ts';
import { alertIdsOf, createTestAlerts, startReceiver, storedDeliveries, until, type Receiver } from '../helpers/alert-delivery.ts';
import { connectTestGraph, randomProjectId } from '../helpers/graph.ts';

let graph: Graph;
const receivers: Receiver[] = [];
const workers: DeliveryWorker[] = [];

beforeAll(async () => {
  graph = await connectTestGraph();
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await Promise.all(receivers.map((r) => r.close()));
  await graph?.close();
});

async function receiver(...args: Parameters<typeof startReceiver>): Promise<Receiver> {
  const r = await startReceiver(...args);
  receivers.push(r);
  return r;
}

/** A worker of one project only (the database is shared with other test files), fast back-off. */
function worker(projectId: string, options: DeliveryWorkerOptions = {}): DeliveryWorker {
  const w = new DeliveryWorker(graph, { projectId, idlePollMs: 50, retry: { baseDelayMs: 50, maxDelayMs: 200 }, ...options });
  workers.push(w);
  w.start();
  return w;
}

async function webhook(projectId: string, url: string, format: WebhookFormat = 'JSON', secret: string | null = null) {
  const created = await createWebhook(graph, projectId, { url, format, secret });
  // Alerts created right after are fired at or after the webhook (same millisecond counts).
  return created!;
}

async function untilSettled(projectId: string, expected: number) {
  await until(async () => {
    const all = await storedDeliveries(graph, projectId);
    return all.length === expected && all.every((d) => d.status !== 'PENDING');
  }, 60_000, `${expected} settled deliveries`);
}

describe('alert delivery', () => {
  it('POSTs each alert once to each webhook that existed when it fired', async () => {
    const projectId = randomProjectId('delivery');
    const [a, b] = [await receiver(), await receiver()];
    const before = await createTestAlerts(graph, projectId, 1, Date.now() - 60_000);
    await webhook(projectId, a.url);
    await webhook(projectId, b.url);
    const alerts = await createTestAlerts(graph, projectId, 5);
    worker(projectId);
    await untilSettled(projectId, 10);
    for (const r of [a, b]) expect(alertIdsOf(r).sort()).toEqual(alerts.map((x) => x.id).sort());
    expect(alertIdsOf(a)).not.toContain(before[0]!.id);
    const sent = a.received[0]!;
    expect(sent.headers).toMatchObject({ 'content-type': 'application/json', 'user-agent': 'clawtrace' });
    expect(String(sent.headers['x-clawtrace-delivery'])).toMatch(/^al-.+\|.+$/);
    expect(sent.headers['x-clawtrace-signature']).toBeUndefined();
    const body = JSON.parse(sent.body) as { type: string; alert: Record<string, unknown> };
    expect(body.type).toBe('clawtrace.alert');
    expect(body.alert).toMatchObject({ kind: 'BUDGET', ruleName: 'Session cap', thresholdUsd: 5 });
    const stored = await storedDeliveries(graph, projectId);
    expect(stored.every((d) => d.status === 'DELIVERED' && d.attempts === 1 && typeof d.deliveredAt === 'string' && d.owner === undefined)).toBe(true);
    // Nothing more arrives later (no repeats from later polls).
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(a.received).toHaveLength(5);
  });

  it('retries a receiver that fails twice and records 3 attempts', async () => {
    const projectId = randomProjectId('delivery-retry');
    const r = await receiver((n) => ({ status: n <= 2 ? 500 : 200 }));
    await webhook(projectId, r.url);
    const [alert] = await createTestAlerts(graph, projectId, 1);
    worker(projectId);
    await untilSettled(projectId, 1);
    const [d] = await storedDeliveries(graph, projectId);
    // A null written to Neo4j removes the property: the earlier error is gone, not kept.
    expect(d).toMatchObject({ status: 'DELIVERED', attempts: 3 });
    expect(d).not.toHaveProperty('lastError');
    expect(alertIdsOf(r)).toEqual([alert!.id, alert!.id, alert!.id]);
  });

  it('honours Retry-After on 429', async () => {
    const projectId = randomProjectId('delivery-429');
    const r = await receiver((n) => (n === 1 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200 }));
    await webhook(projectId, r.url);
    await createTestAlerts(graph, projectId, 1);
    const started = Date.now();
    worker(projectId);
    await untilSettled(projectId, 1);
    expect(r.received).toHaveLength(2);
    // Back-off alone would have retried after 50 ms; the receiver asked for 1 s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('ends FAILED with the last error when the receiver never answers', async () => {
    const projectId = randomProjectId('delivery-dead');
    const dead = await startReceiver();
    await dead.close(); // nothing listens on its port any more
    await webhook(projectId, dead.url);
    await createTestAlerts(graph, projectId, 1);
    worker(projectId, { retry: { baseDelayMs: 20, maxDelayMs: 50, maxAttempts: 3 } });
    await untilSettled(projectId, 1);
    const [d] = await storedDeliveries(graph, projectId);
    expect(d).toMatchObject({ status: 'FAILED', attempts: 3 });
    expect(String(d!.lastError)).toMatch(/ECONNREFUSED/);
  });

  it('two workers on one project deliver each of 40 alerts once', async () => {
    const projectId = randomProjectId('delivery-two');
    // A little latency so both workers have claims in flight at the same time.
    const r = await receiver(() => ({ status: 200, delayMs: 100 }));
    await webhook(projectId, r.url);
    // Both workers are polling before the alerts exist, so both are there to claim them even when
    // a loaded machine is slow to start the second.
    const one = worker(projectId, { batch: 4 });
    const two = worker(projectId, { batch: 4 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const alerts = await createTestAlerts(graph, projectId, 40);
    await untilSettled(projectId, 40);
    expect(alertIdsOf(r).sort()).toEqual(alerts.map((a) => a.id).sort());
    // Each POSTed once, by whichever worker held its lease. Not asserted: that both workers took
    // part — an engine process of another test file on the shared database runs a worker over
    // every project and may take some or all of them (which only adds a third contender).
    expect(one.stats().delivered + two.stats().delivered).toBeLessThanOrEqual(40);
    expect((await storedDeliveries(graph, projectId)).every((d) => d.status === 'DELIVERED' && d.attempts === 1)).toBe(true);
  });

  it('a worker stopped mid-way leaves the rest to the next one, with no repeat', async () => {
    const projectId = randomProjectId('delivery-restart');
    const r = await receiver(() => ({ status: 200, delayMs: 30 }));
    await webhook(projectId, r.url);
    const alerts = await createTestAlerts(graph, projectId, 30);
    const first = worker(projectId, { batch: 2 });
    await until(() => r.received.length >= 8, 30_000, 'some deliveries');
    await first.stop();
    const afterStop = r.received.length;
    expect(afterStop).toBeLessThan(30);
    worker(projectId, { batch: 5 });
    await untilSettled(projectId, 30);
    expect(alertIdsOf(r).sort()).toEqual(alerts.map((a) => a.id).sort());
  });

  it('signs the body with the webhook secret', async () => {
    const projectId = randomProjectId('delivery-signed');
    const secret = 'a-secret-of-some-length';
    const r = await receiver();
    await webhook(projectId, r.url, 'JSON', secret);
    await createTestAlerts(graph, projectId, 1);
    worker(projectId);
    await untilSettled(projectId, 1);
    const [sent] = r.received;
    const expected = `sha256=${createHmac('sha256', secret).update(sent!.body, 'utf8').digest('hex')}`;
    expect(sent!.headers['x-clawtrace-signature']).toBe(expected);
  });

  it('sends Slack webhooks an incoming-webhook body with a link into the explorer', async () => {
    const projectId = randomProjectId('delivery-slack');
    const r = await receiver();
    await webhook(projectId, r.url, 'SLACK');
    await createTestAlerts(graph, projectId, 1);
    worker(projectId, { publicUrl: 'https://clawtrace.example.com' });
    await untilSettled(projectId, 1);
    const body = JSON.parse(r.received[0]!.body) as { text: string; blocks: Array<{ type: string; text?: { type: string; text: string } }> };
    expect(body.text).toMatch(/LIMIT|WARNING/);
    expect(body.blocks.map((b) => b.type)).toEqual(['section', 'context', 'section']);
    expect(body.blocks[2]!.text!.text).toBe('<https://clawtrace.example.com/ui/#/session/s-0?span=sp-0|Open in ClawTrace>');
  });

  it("never sends one project's alerts to another project's webhook", async () => {
    const mine = randomProjectId('delivery-mine');
    const theirs = randomProjectId('delivery-theirs');
    const [r1, r2] = [await receiver(), await receiver()];
    await webhook(mine, r1.url);
    await webhook(theirs, r2.url);
    await createTestAlerts(graph, mine, 3);
    // Every project's missing deliveries at once, as an engine's worker makes them.
    await createMissingDeliveries(graph, null);
    worker(mine);
    worker(theirs);
    await untilSettled(mine, 3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(r1.received).toHaveLength(3);
    expect(r2.received).toHaveLength(0);
    expect(await storedDeliveries(graph, theirs)).toEqual([]);
  });

  it('deleting a webhook drops its pending deliveries and keeps the delivered ones', async () => {
    const projectId = randomProjectId('delivery-delete');
    const r = await receiver();
    const hook = await webhook(projectId, r.url);
    await createTestAlerts(graph, projectId, 2);
    const w = worker(projectId);
    await untilSettled(projectId, 2);
    await w.stop();
    await createTestAlerts(graph, projectId, 1);
    await createMissingDeliveries(graph, projectId);
    expect((await storedDeliveries(graph, projectId)).map((d) => d.status).sort()).toEqual(['DELIVERED', 'DELIVERED', 'PENDING']);
    expect(await deleteWebhook(graph, projectId, hook.id)).toBe(true);
    expect((await storedDeliveries(graph, projectId)).map((d) => d.status)).toEqual(['DELIVERED', 'DELIVERED']);
    expect(await deleteWebhook(graph, projectId, hook.id)).toBe(false);
  });

  it('a delivery whose worker died mid-POST is POSTed again once its lease expires', async () => {
    const projectId = randomProjectId('delivery-killed');
    const r = await receiver();
    await webhook(projectId, r.url);
    const [alert] = await createTestAlerts(graph, projectId, 1);
    await createMissingDeliveries(graph, projectId);
    // A worker that claimed it and died: its lease is never renewed nor released.
    const dead = await claimDueDeliveries(graph, 'delivery-dead-worker', { projectId, limit: 10, leaseMs: 800 });
    expect(dead).toHaveLength(1);
    worker(projectId);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(r.received).toHaveLength(0); // the lease still holds
    await untilSettled(projectId, 1);
    expect(alertIdsOf(r)).toEqual([alert!.id]);
    expect((await storedDeliveries(graph, projectId))[0]).toMatchObject({ status: 'DELIVERED', attempts: 2 });
  });
});

describe('webhook GraphQL resolvers', () => {
  const ctxOf = (projectId: string) => ({ graph, projectId, loaders: {} }) as unknown as GraphQLContext;
  const { Query, Mutation, Alert } = webhookResolvers;

  it('create, list, deliveries and delete, scoped to the caller', async () => {
    const projectId = randomProjectId('delivery-graphql');
    const ctx = ctxOf(projectId);
    const r = await receiver();
    const created = await Mutation.createWebhook(undefined, { input: { url: r.url, format: 'SLACK', secret: 'sixteen-chars-ok!', clientMutationId: 'c1' } }, ctx);
    expect(created).toMatchObject({ clientMutationId: 'c1', webhook: { url: r.url, format: 'SLACK', signed: true } });
    expect(JSON.stringify(await Query.webhooks(undefined, {}, ctx))).not.toContain('sixteen-chars-ok!');
    expect(await Query.webhooks(undefined, {}, ctxOf(randomProjectId('other')))).toEqual([]);

    const [alert] = await createTestAlerts(graph, projectId, 1);
    // Before any worker ran: the webhook's delivery shows as PENDING with no attempts.
    expect(await Alert.deliveries({ id: alert!.id }, {}, ctx)).toEqual([
      expect.objectContaining({ webhookId: created.webhook.id, url: r.url, status: 'PENDING', attempts: 0, lastError: null }),
    ]);
    worker(projectId);
    await untilSettled(projectId, 1);
    expect(await Alert.deliveries({ id: alert!.id }, {}, ctxOf(projectId))).toEqual([
      expect.objectContaining({ status: 'DELIVERED', attempts: 1, nextAttemptAt: null, deliveredAt: expect.any(String) }),
    ]);
    // Another project asking about this alert sees nothing.
    expect(await Alert.deliveries({ id: alert!.id }, {}, ctxOf(randomProjectId('other')))).toEqual([]);

    await expect(Mutation.deleteWebhook(undefined, { input: { id: 'no-such' } }, ctx)).rejects.toThrow(/No webhook "no-such"/);
    expect(await Mutation.deleteWebhook(undefined, { input: { id: created.webhook.id } }, ctx)).toMatchObject({ deletedId: created.webhook.id });
    expect(await listWebhooks(graph, projectId)).toEqual([]);
  });

  it('refuses bad input saying which field and why', async () => {
    const ctx = ctxOf(randomProjectId('delivery-graphql-bad'));
    await expect(Mutation.createWebhook(undefined, { input: { url: 'ftp://x.example/y' } }, ctx)).rejects.toThrow(/input\.url: uses ftp; only http and https/);
    await expect(Mutation.createWebhook(undefined, { input: { url: 'https://x.example/y', secret: 'short' } }, ctx)).rejects.toThrow(/input\.secret: at least 16/);
  });
});
