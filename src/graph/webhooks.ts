// Repository: the webhooks alerts are delivered to (issue 21). A webhook belongs to one project
// and receives that project's alerts fired at or after it was added. Its secret signs deliveries
// and never leaves the graph through the API: readers get `signed` only.
import { randomUUID } from 'node:crypto';
import { int, type Graph } from './driver.ts';

export type WebhookFormat = 'JSON' | 'SLACK';

export interface WebhookView {
  id: string;
  url: string;
  format: WebhookFormat;
  signed: boolean;
  createdAt: string;
}

export interface NewWebhook {
  url: string;
  format: WebhookFormat;
  secret: string | null;
}

/** More than this many webhooks per project is a mistake (every alert is POSTed to each). */
export const MAX_WEBHOOKS_PER_PROJECT = 50;

function toView(row: Record<string, unknown>): WebhookView {
  return {
    id: String(row.id),
    url: String(row.url),
    format: row.format === 'SLACK' ? 'SLACK' : 'JSON',
    signed: row.signed === true,
    createdAt: String(row.createdAt),
  };
}

/** The new webhook, or null when the project already has MAX_WEBHOOKS_PER_PROJECT. */
export async function createWebhook(graph: Graph, projectId: string, webhook: NewWebhook, now = new Date()): Promise<WebhookView | null> {
  const [row] = await graph.write('alerts/webhook-create', {
    projectId,
    id: randomUUID(),
    url: webhook.url,
    format: webhook.format,
    secret: webhook.secret,
    createdAt: now.toISOString(),
    createdAtMs: int(now.getTime()),
    max: int(MAX_WEBHOOKS_PER_PROJECT),
  });
  return row ? toView(row) : null;
}

export async function listWebhooks(graph: Graph, projectId: string): Promise<WebhookView[]> {
  return (await graph.read('alerts/webhook-list', { projectId })).map(toView);
}

/** True when the webhook existed (and is now gone, with its pending deliveries). */
export async function deleteWebhook(graph: Graph, projectId: string, id: string): Promise<boolean> {
  return (await graph.write('alerts/webhook-delete', { projectId, id })).length > 0;
}
