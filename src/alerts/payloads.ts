// What a webhook receives and the SSE stream sends for an alert: pure functions from the stored
// Alert node (notes/alerts-contract.md) to the JSON alert object, the JSON webhook body and a
// Slack incoming-webhook body. Money is rounded here, at presentation (src/api/money.ts).
import { presentUsd } from '../api/money.ts';
import { sessionUrl } from '../cli/explorer-link.ts';

export interface AlertJson {
  id: string;
  kind: string;
  level: string;
  ruleId: string | null;
  ruleName: string | null;
  message: string;
  sessionId: string | null;
  spanId: string | null;
  observedUsd: number | null;
  thresholdUsd: number | null;
  periodStart: string | null;
  findingKind: string | null;
  durationMinutes: number | null;
  repeats: number | null;
  firedAt: string;
  /** A link into the explorer (the session, at the step), when a public base URL is known. */
  url: string | null;
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const usd = (v: unknown): number | null => presentUsd(num(v));

/** `<base>/ui/#/session/<id>?span=<id>` (the explorer's hash route); the explorer itself without a session. */
export function explorerLink(base: string | null, sessionId: string | null, spanId: string | null): string | null {
  if (!base) return null;
  const root = base.replace(/\/+$/, '');
  if (!sessionId) return `${root}/ui`;
  const session = sessionUrl(root, sessionId);
  return spanId ? `${session}?${new URLSearchParams({ span: spanId }).toString()}` : session;
}

/** The alert object of every payload, from the stored node's properties. */
export function alertJson(node: Record<string, unknown>, publicBaseUrl: string | null): AlertJson {
  const sessionId = str(node.sessionId);
  const spanId = str(node.spanId);
  const firedAtMs = num(node.firedAtMs);
  return {
    id: String(node.id),
    kind: String(node.kind),
    level: String(node.level),
    ruleId: str(node.ruleId),
    ruleName: str(node.ruleName),
    message: String(node.message ?? ''),
    sessionId,
    spanId,
    observedUsd: usd(node.observedUsd),
    thresholdUsd: usd(node.thresholdUsd),
    periodStart: str(node.periodStart),
    findingKind: str(node.findingKind),
    durationMinutes: num(node.durationMinutes),
    repeats: num(node.repeats),
    firedAt: str(node.firedAt) ?? (firedAtMs === null ? '' : new Date(firedAtMs).toISOString()),
    url: explorerLink(publicBaseUrl, sessionId, spanId),
  };
}

export function jsonPayload(alert: AlertJson): { type: 'clawtrace.alert'; alert: AlertJson } {
  return { type: 'clawtrace.alert', alert };
}

/** Slack mrkdwn treats these three as control characters; everything else is literal. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const money = (v: number | null) => (v === null ? null : `$${v >= 1 ? v.toFixed(2) : String(v)}`);

/** The figures of an alert, as one line: observed vs threshold, rule, session, step. */
export function alertFigures(alert: AlertJson): string {
  const parts = [
    money(alert.observedUsd) && `observed ${money(alert.observedUsd)}`,
    money(alert.thresholdUsd) && `threshold ${money(alert.thresholdUsd)}`,
    alert.findingKind && `${alert.findingKind}${alert.repeats !== null ? ` ×${alert.repeats}` : ''}`,
    alert.durationMinutes !== null && `${Math.round(alert.durationMinutes * 10) / 10} min`,
    alert.ruleName && `rule ${alert.ruleName}`,
    alert.sessionId && `session ${alert.sessionId}`,
    alert.spanId && `step ${alert.spanId}`,
  ];
  return parts.filter((p): p is string => typeof p === 'string' && p.length > 0).join(' · ');
}

const LEVEL_EMOJI = new Map<string, string>([
  ['LIMIT', ':rotating_light:'],
  ['WARNING', ':warning:'],
]);

/** Slack incoming-webhook body: a one-line `text` (notifications) and blocks (the message). */
export function slackPayload(alert: AlertJson) {
  const emoji = LEVEL_EMOJI.get(alert.level) ?? ':bell:';
  const headline = `${emoji} ClawTrace ${alert.level} ${alert.kind.toLowerCase().replace(/_/g, ' ')} alert: ${alert.message}`;
  const blocks: Array<Record<string, unknown>> = [
    { type: 'section', text: { type: 'mrkdwn', text: `${emoji} *${slackEscape(alert.level)}* ${slackEscape(alert.message)}` } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: slackEscape(alertFigures(alert) || alert.firedAt) }] },
  ];
  if (alert.url) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `<${alert.url}|Open in ClawTrace>` } });
  return { text: slackEscape(headline.replace(/\s+/g, ' ')), blocks };
}

/** The body POSTed to a webhook of the given format. */
export function webhookBody(format: 'JSON' | 'SLACK', alert: AlertJson): string {
  return JSON.stringify(format === 'SLACK' ? slackPayload(alert) : jsonPayload(alert));
}
