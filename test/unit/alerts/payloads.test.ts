// Alert payloads are pure functions of the stored Alert node: the JSON body's shape, explorer
// links, the Slack blocks (escaped), and the delivery headers' signature.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { alertFigures, alertJson, explorerLink, jsonPayload, slackEscape, slackPayload, webhookBody } from '../../../src/alerts/payloads.ts';
import { deliveryHeaders, signBody } from '../../../src/alerts/post-webhook.ts';

const node = {
  projectId: 'p',
  id: 'al-1',
  key: 'budget:b1:LIMIT:s1',
  kind: 'BUDGET',
  level: 'LIMIT',
  ruleId: 'b1',
  ruleName: 'Per-session cap',
  message: 'Session s1 spent $5.0123 of its $5.00 limit <fast> & loose',
  sessionId: 'agent:main:s1',
  spanId: 'sp-9',
  observedUsd: 5.012300000000001,
  thresholdUsd: 5,
  periodStart: null,
  findingKind: null,
  durationMinutes: null,
  repeats: null,
  firedAt: '2026-05-01T10:00:00.000Z',
  firedAtMs: Date.parse('2026-05-01T10:00:00.000Z'),
};

describe('alertJson', () => {
  it('has every field of the contract, money rounded, and a link to the step', () => {
    const alert = alertJson(node, 'https://trace.example.com/');
    expect(Object.keys(alert).sort()).toEqual(
      ['id', 'kind', 'level', 'ruleId', 'ruleName', 'message', 'sessionId', 'spanId', 'observedUsd', 'thresholdUsd', 'periodStart', 'findingKind', 'durationMinutes', 'repeats', 'firedAt', 'url'].sort(),
    );
    expect(alert.observedUsd).toBe(5.0123);
    expect(alert.url).toBe('https://trace.example.com/ui/#/session/agent:main:s1?span=sp-9');
    expect(jsonPayload(alert)).toEqual({ type: 'clawtrace.alert', alert });
  });

  it('has no link without a public URL, and links the explorer when there is no session', () => {
    expect(alertJson(node, null).url).toBeNull();
    expect(explorerLink('http://127.0.0.1:4318', null, null)).toBe('http://127.0.0.1:4318/ui');
    expect(explorerLink('http://h', 'a b/c', null)).toBe('http://h/ui/#/session/a%20b%2Fc');
  });

  it('keeps waste figures', () => {
    const waste = alertJson({ ...node, kind: 'WASTE', level: 'WARNING', findingKind: 'poll_loop', durationMinutes: 12.345, repeats: 40 }, null);
    expect(waste).toMatchObject({ findingKind: 'poll_loop', durationMinutes: 12.345, repeats: 40 });
    expect(alertFigures(waste)).toContain('poll_loop ×40');
    expect(alertFigures(waste)).toContain('12.3 min');
  });
});

describe('slackPayload', () => {
  const alert = alertJson(node, 'https://trace.example.com');
  const body = slackPayload(alert);

  it('is an incoming-webhook body: one line of text, a message section, a figures context, a link', () => {
    expect(body.text).not.toContain('\n');
    expect(body.text).toContain('LIMIT');
    expect(body.blocks.map((b) => b.type)).toEqual(['section', 'context', 'section']);
    const [message, context, link] = body.blocks as Array<{ text?: { type: string; text: string }; elements?: Array<{ type: string; text: string }> }>;
    expect(message!.text!.type).toBe('mrkdwn');
    expect(context!.elements![0]!.text).toContain('observed $5.01');
    expect(context!.elements![0]!.text).toContain('threshold $5.00');
    expect(link!.text!.text).toBe('<https://trace.example.com/ui/#/session/agent:main:s1?span=sp-9|Open in ClawTrace>');
  });

  it('escapes Slack control characters in the alert text', () => {
    expect(slackEscape('a <b> & c')).toBe('a &lt;b&gt; &amp; c');
    expect(body.text).toContain('&lt;fast&gt; &amp; loose');
    expect(JSON.stringify(body.blocks[0])).not.toContain('<fast>');
  });

  it('leaves the link out when no public URL is known', () => {
    expect(slackPayload(alertJson(node, null)).blocks).toHaveLength(2);
    expect(JSON.parse(webhookBody('SLACK', alertJson(node, null)))).toHaveProperty('blocks');
    expect(JSON.parse(webhookBody('JSON', alertJson(node, null)))).toHaveProperty('type', 'clawtrace.alert');
  });
});

describe('delivery headers', () => {
  it('carry the alert and delivery ids, and an HMAC-SHA256 of the body when there is a secret', () => {
    const body = webhookBody('JSON', alertJson(node, null));
    const headers = deliveryHeaders({ url: 'http://x', body, alertId: 'al-1', deliveryId: 'al-1|wh-1', secret: 'a-long-enough-secret' });
    expect(headers).toMatchObject({ 'content-type': 'application/json', 'user-agent': 'clawtrace', 'x-clawtrace-alert-id': 'al-1', 'x-clawtrace-delivery': 'al-1|wh-1' });
    const expected = createHmac('sha256', 'a-long-enough-secret').update(body).digest('hex');
    expect(headers['x-clawtrace-signature']).toBe(`sha256=${expected}`);
    expect(signBody(body, 'other-secret-value')).not.toBe(headers['x-clawtrace-signature']);
    expect(deliveryHeaders({ url: 'http://x', body, alertId: 'a', deliveryId: 'd', secret: null })).not.toHaveProperty('x-clawtrace-signature');
  });
});
