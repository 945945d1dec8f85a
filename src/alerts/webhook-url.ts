// Checks a webhook URL before it is stored: an absolute http(s) URL of bounded length. Loopback
// and private addresses are allowed on purpose (a receiver on the same host or network is the
// common self-hosted case); who may add webhooks is who holds the project's API key.

export const MAX_WEBHOOK_URL_LENGTH = 2048;

/** The URL as it will be stored (normalised by the WHATWG parser), or an error message that says what is wrong. */
export function checkWebhookUrl(raw: string): { ok: true; url: string } | { ok: false; message: string } {
  const text = raw.trim();
  if (text.length === 0) return { ok: false, message: 'is empty: give the receiver\'s http(s) URL, e.g. https://hooks.slack.com/services/…' };
  if (text.length > MAX_WEBHOOK_URL_LENGTH) return { ok: false, message: `is ${text.length} characters long; at most ${MAX_WEBHOOK_URL_LENGTH}` };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: `"${text.slice(0, 100)}" is not an absolute URL (it needs a scheme and host, e.g. https://example.com/hook)` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, message: `uses ${url.protocol.replace(/:$/, '')}; only http and https webhooks are supported` };
  }
  if (!url.hostname) return { ok: false, message: `"${text.slice(0, 100)}" has no host` };
  // A fragment is never sent to the server: a URL with one is a copy-paste mistake.
  if (url.hash) return { ok: false, message: 'has a #fragment, which is never sent to the receiver; remove it' };
  return { ok: true, url: url.toString() };
}
