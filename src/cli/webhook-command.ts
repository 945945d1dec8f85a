// `clawtrace webhook add|list|rm`: where alerts are delivered (JSON, or Slack's incoming-webhook
// format), through the running engine's GraphQL (createWebhook, webhooks, deleteWebhook), which
// checks the URL and the secret. The project is the engine's: CLAWTRACE_API_KEY's, else `local`.
// An engine without webhooks in its schema is told apart from one that is not running.
import { EngineError, engineFromEnv, engineGraphql } from './engine-client.ts';
import { renderTable, type Column } from './table.ts';
import { fit } from './text-width.ts';

export interface WebhookView {
  id: string;
  url: string;
  format: 'JSON' | 'SLACK';
  signed: boolean;
  createdAt: string;
}

const FIELDS = 'id url format signed createdAt';
const FEATURE = 'alert delivery to webhooks';

/** The URL with its secret-bearing path shortened: Slack's /services/T…/B…/<token> is a credential. */
export function maskedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const segments = parsed.pathname.split('/');
    const last = segments.at(-1) ?? '';
    if (last.length > 8) segments[segments.length - 1] = `${last.slice(0, 4)}…`;
    return `${parsed.origin}${segments.join('/')}${parsed.search ? '?…' : ''}`;
  } catch {
    return url;
  }
}

const COLUMNS: Array<Column<WebhookView>> = [
  { header: 'id', value: (w) => w.id },
  { header: 'format', value: (w) => w.format.toLowerCase() },
  { header: 'signed', value: (w) => (w.signed ? 'yes' : 'no') },
  { header: 'created (UTC)', value: (w) => w.createdAt.slice(0, 16).replace('T', ' '), drop: 1 },
  { header: 'url', value: (w) => maskedUrl(w.url), flex: true, minWidth: 16, cut: 'middle' },
];

export function formatWebhooks(webhooks: readonly WebhookView[], width = 80): string {
  if (webhooks.length === 0) return 'No webhooks (add one: clawtrace webhook add <url> [--slack] [--secret <s>])';
  return [...renderTable(COLUMNS, webhooks, width), 'remove one: clawtrace webhook rm <id>'].map((line) => fit(line, width)).join('\n');
}

async function run(command: string, work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    console.error(`clawtrace webhook ${command}: ${error.message}`);
    return error.exitCode;
  }
}

export function runWebhookAdd(url: string, options: { slack?: boolean; secret?: string; json?: boolean }): Promise<number> {
  return run('add', async () => {
    const engine = engineFromEnv();
    const input = { url, format: options.slack ? 'SLACK' : 'JSON', ...(options.secret ? { secret: options.secret } : {}) };
    const data = await engineGraphql<{ createWebhook: { webhook: WebhookView } }>(
      engine,
      `mutation AddWebhook($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { ${FIELDS} } } }`,
      { input },
      FEATURE,
    );
    const webhook = data.createWebhook.webhook;
    if (options.json) console.log(JSON.stringify(webhook, null, 2));
    else {
      console.log(webhook.id);
      console.error(
        `Webhook ${webhook.id} (${webhook.format.toLowerCase()}${webhook.signed ? ', signed: X-ClawTrace-Signature' : ''}) receives alerts fired from now on, through ${engine.base}.`,
      );
    }
    return 0;
  });
}

export function runWebhookList(options: { json?: boolean }): Promise<number> {
  return run('list', async () => {
    const data = await engineGraphql<{ webhooks: WebhookView[] }>(engineFromEnv(), `query Webhooks { webhooks { ${FIELDS} } }`, {}, FEATURE);
    console.log(options.json ? JSON.stringify(data.webhooks, null, 2) : formatWebhooks(data.webhooks, process.stdout.columns || 80));
    return 0;
  });
}

export function runWebhookRm(id: string): Promise<number> {
  return run('rm', async () => {
    await engineGraphql(engineFromEnv(), `mutation RmWebhook($input: DeleteByIdInput!) { deleteWebhook(input: $input) { deletedId } }`, { input: { id } }, FEATURE);
    console.error(`Removed webhook ${id}; alerts already delivered stay delivered.`);
    return 0;
  });
}
