// One POST of an alert to a webhook, with the headers receivers use: the alert id (to drop a
// repeat: a delivery is at-least-once), the delivery id and, when the webhook has a secret, an
// HMAC-SHA256 of the exact body bytes. Never throws: the outcome says what happened.
import { createHmac } from 'node:crypto';
import { parseRetryAfter } from './retry-policy.ts';

export const POST_TIMEOUT_MS = 5_000;

export interface PostRequest {
  url: string;
  body: string;
  alertId: string;
  deliveryId: string;
  secret: string | null;
  timeoutMs?: number;
}

export type PostOutcome =
  | { ok: true; status: number }
  | { ok: false; status: number | null; error: string; retryAfterMs: number | null };

/** `sha256=<hex>` of the body under the secret: what `X-ClawTrace-Signature` carries. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

export function deliveryHeaders(request: PostRequest): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'clawtrace',
    'x-clawtrace-alert-id': request.alertId,
    'x-clawtrace-delivery': request.deliveryId,
  };
  if (request.secret) headers['x-clawtrace-signature'] = signBody(request.body, request.secret);
  return headers;
}

/** What went wrong with a fetch that threw: the cause's code (ECONNREFUSED…) says more than "fetch failed". */
function describeFetchError(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const cause = e.cause?.code ?? e.cause?.message;
  return cause ? `${e.message ?? 'request failed'}: ${cause}` : (e.message ?? String(error));
}

export async function postWebhook(request: PostRequest): Promise<PostOutcome> {
  const timeoutMs = request.timeoutMs ?? POST_TIMEOUT_MS;
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: 'POST',
      headers: deliveryHeaders(request),
      body: request.body,
      // A redirect is answered as a failure: following it would POST the alert somewhere not configured.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    return { ok: false, status: null, error: describeFetchError(error, timeoutMs), retryAfterMs: null };
  }
  if (response.status >= 200 && response.status < 300) {
    await response.body?.cancel().catch(() => undefined);
    return { ok: true, status: response.status };
  }
  // A little of the receiver's answer helps whoever reads lastError (Slack says "invalid_token").
  const text = await response.text().catch(() => '');
  const snippet = text.replace(/\s+/g, ' ').trim().slice(0, 200);
  const retryAfterMs = response.status === 429 || response.status === 503 ? parseRetryAfter(response.headers.get('retry-after')) : null;
  return {
    ok: false,
    status: response.status,
    error: `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${snippet ? `: ${snippet}` : ''}`,
    retryAfterMs,
  };
}
