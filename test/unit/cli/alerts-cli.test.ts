// The budget, rule, webhook and alerts commands without a database: flags parsed and refused with
// what they take, flag values checked by the same schemas as GraphQL (messages naming the flags),
// tables within 80 columns, short ids and the handles rm takes, and the SSE reader of --follow.
import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { AlertRuleInputSchema, BudgetInputSchema, newAlertRule, newBudget } from '../../../src/alerts/definitions.ts';
import { flagProblems, parseCooldown, parseKinds, parseMinutes, parseSince, parseUsd, scopeOf } from '../../../src/cli/alert-flags.ts';
import { alertHeader, alertRow, alertUrl, formatAlerts, type AlertLine } from '../../../src/cli/alerts-command.ts';
import { budgetInput, budgetStatus, formatBudgets, pickId, shortId, type BudgetRow } from '../../../src/cli/budget-command.ts';
import { missingField } from '../../../src/cli/engine-client.ts';
import { formatRules, rateRuleInput, ruleCondition, wasteRuleInput } from '../../../src/cli/rule-command.ts';
import { SseParser } from '../../../src/cli/sse.ts';
import { displayWidth } from '../../../src/cli/text-width.ts';
import { formatWebhooks, maskedUrl } from '../../../src/cli/webhook-command.ts';

const NOW = Date.parse('2026-03-04T12:00:00Z');
const fits = (text: string, width = 80) => {
  for (const line of text.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
};

describe('flags', () => {
  it('amounts and minutes: positive numbers, "$" allowed; anything else says what it takes', () => {
    expect(parseUsd('20')).toBe(20);
    expect(parseUsd('$0.5')).toBe(0.5);
    for (const bad of ['0', '-3', 'ten', '', 'Infinity', '1e999']) expect(() => parseUsd(bad), bad).toThrow(/an amount in USD more than 0/);
    expect(parseMinutes('2.5')).toBe(2.5);
    expect(() => parseMinutes('0')).toThrow(InvalidArgumentError);
    expect(parseCooldown('0')).toBe(0);
    expect(() => parseCooldown('-1')).toThrow(/0 or more/);
  });

  it('finding kinds: lower or GraphQL case, deduplicated; an unknown one is named with the list', () => {
    expect(parseKinds('poll_loop,FAILED_RETRY,poll_loop')).toEqual(['poll_loop', 'failed_retry']);
    expect(() => parseKinds('poll_loop,nope')).toThrow(/not a finding kind: "nope"\. Comma-separated, of: .*poll_loop/);
    expect(() => parseKinds(',')).toThrow(/Comma-separated/);
  });

  it('--since: an age back from now or a date / instant (UTC)', () => {
    expect(parseSince('30m', NOW)).toBe(NOW - 30 * 60_000);
    expect(parseSince('2h', NOW)).toBe(NOW - 2 * 3_600_000);
    expect(parseSince('1d', NOW)).toBe(NOW - 86_400_000);
    expect(parseSince('2026-03-01', NOW)).toBe(Date.parse('2026-03-01T00:00:00Z'));
    expect(parseSince('2026-03-01T09:30:00Z', NOW)).toBe(Date.parse('2026-03-01T09:30:00Z'));
    for (const bad of ['yesterday', '30x', '']) expect(() => parseSince(bad, NOW), bad).toThrow(/an age \(30m, 2h, 1d\)/);
  });

  it('scope: the project unless one of --agent / --skill / --session; two at once is refused', () => {
    expect(scopeOf({})).toEqual({ scope: 'PROJECT', scopeValue: null });
    expect(scopeOf({ agent: 'build' })).toEqual({ scope: 'AGENT', scopeValue: 'build' });
    expect(scopeOf({ session: ' otel:abc ' })).toEqual({ scope: 'SESSION', scopeValue: 'otel:abc' });
    expect(() => scopeOf({ agent: 'a', skill: 's' })).toThrow('give one scope: --agent or --skill, not both');
    expect(() => scopeOf({ skill: ' ' })).toThrow('--skill needs a value');
  });
});

describe('budget and rule inputs, checked as GraphQL checks them', () => {
  it('budget add: default window session, project scope; problems name the flags', () => {
    const ok = BudgetInputSchema.parse(budgetInput({ limit: 20, warn: 10 }));
    expect(ok).toMatchObject({ scope: 'PROJECT', scopeValue: null, window: 'SESSION', warnUsd: 10, limitUsd: 20 });
    expect(newBudget(ok, NOW).name).toBe('the project per session: $20.00');
    expect(BudgetInputSchema.parse(budgetInput({ limit: 5, window: 'day', agent: 'build' }))).toMatchObject({ scope: 'AGENT', scopeValue: 'build', window: 'DAY' });

    const warnAbove = BudgetInputSchema.safeParse(budgetInput({ limit: 5, warn: 6 }));
    expect(warnAbove.success).toBe(false);
    expect(flagProblems(warnAbove.error!)).toBe('--warn: must be below --limit (5)');
    const sessionDay = BudgetInputSchema.safeParse(budgetInput({ limit: 5, window: 'day', session: 'x' }));
    expect(flagProblems(sessionDay.error!)).toBe('--window: a --session budget takes --window session (its session tree)');
  });

  it('rule add rate / waste: the fields each kind needs, cooldown defaulting to 30 min', () => {
    const rate = AlertRuleInputSchema.parse(rateRuleInput({ usd: 5, per: 10 }));
    expect(rate).toMatchObject({ kind: 'SPEND_RATE', thresholdUsd: 5, windowMinutes: 10, cooldownMinutes: 30, scope: 'PROJECT' });
    expect(ruleCondition(newAlertRule(rate, NOW))).toBe('$5.00 per 10 min');

    const waste = AlertRuleInputSchema.parse(wasteRuleInput({ minutes: 5, kinds: ['poll_loop'], cooldown: 0, skill: 'x' }));
    expect(waste).toMatchObject({ kind: 'WASTE', minMinutes: 5, thresholdUsd: null, findingKinds: ['poll_loop'], cooldownMinutes: 0, scope: 'SKILL' });
    expect(ruleCondition(newAlertRule(waste, NOW))).toBe('poll_loop ≥ 5 min');
    expect(ruleCondition({ kind: 'WASTE', thresholdUsd: 1, minMinutes: null, windowMinutes: null, findingKinds: null })).toBe('poll_loop,failed_retry,repeated_llm_request ≥ $1.00');

    const empty = AlertRuleInputSchema.safeParse(wasteRuleInput({}));
    expect(flagProblems(empty.error!)).toBe('--minutes: WASTE needs --minutes, --usd or both');
  });

  it('a period budget stands OK, WARNING or LIMIT by its current spend', () => {
    expect(budgetStatus({ warnUsd: 10, limitUsd: 20 }, 9.99)).toBe('OK');
    expect(budgetStatus({ warnUsd: 10, limitUsd: 20 }, 10)).toBe('WARNING');
    expect(budgetStatus({ warnUsd: null, limitUsd: 20 }, 25)).toBe('LIMIT');
  });
});

describe('ids', () => {
  const ids = ['budget-9e059dfa-1f0f-4e95-a5b4-2a247af7e2e8', 'budget-9e1c0000-1f0f-4e95-a5b4-2a247af7e2e8', 'budget-01c202cc-0000-4e95-a5b4-2a247af7e2e8'];
  it('tables show the kind and 8 characters of the UUID; rm takes them back, or any unique prefix', () => {
    expect(shortId(ids[0]!)).toBe('budget-9e059dfa');
    expect(shortId('custom')).toBe('custom');
    expect(pickId(ids, 'budget-9e059dfa', 'budget-')).toBe(ids[0]);
    expect(pickId(ids, '01c2', 'budget-')).toBe(ids[2]);
    expect(pickId(ids, ids[1]!, 'budget-')).toBe(ids[1]);
    expect(pickId(ids, '9e', 'budget-')).toBe('ambiguous');
    expect(pickId(ids, 'ffff', 'budget-')).toBeNull();
  });
});

const budget = (over: Partial<BudgetRow['budget']> = {}): BudgetRow['budget'] => ({
  id: 'budget-9e059dfa-1f0f-4e95-a5b4-2a247af7e2e8',
  name: 'the project per session: $20.00',
  scope: 'PROJECT',
  scopeValue: null,
  window: 'SESSION',
  warnUsd: 10,
  limitUsd: 20,
  createdAt: '2026-03-04T12:00:00.000Z',
  createdAtMs: NOW,
  ...over,
});

describe('tables in 80 columns', () => {
  it('budget list: scope, period, warn, limit and where a period budget stands now', () => {
    const rows: BudgetRow[] = [
      { budget: budget(), currentSpendUsd: null, status: null },
      { budget: budget({ id: 'budget-385ea724-0000-4e95-a5b4-2a247af7e2e8', scope: 'AGENT', scopeValue: 'build', window: 'DAY', warnUsd: null, limitUsd: 5, name: 'build daily' }), currentSpendUsd: 6.5, status: 'LIMIT' },
    ];
    const text = formatBudgets(rows);
    fits(text);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^id\s+scope\s+per\s+warn\s+limit\s+now\s+name$/);
    expect(lines[1]).toMatch(/^budget-9e059dfa\s+project\s+session\s+\$10\.00\s+\$20\.00\s+the project/);
    expect(lines[2]).toMatch(/^budget-385ea724\s+agent build\s+day\s+—\s+\$5\.00\s+\$6\.50 limit\s+build daily$/);
    expect(formatBudgets([])).toMatch(/^No budgets in this project \(add one: clawtrace budget add/);
  });

  it('rule list', () => {
    const rule = newAlertRule(AlertRuleInputSchema.parse(rateRuleInput({ usd: 5, per: 10, agent: 'a-very-long-agent-name-that-goes-on-and-on' })), NOW);
    const waste = newAlertRule(AlertRuleInputSchema.parse(wasteRuleInput({ minutes: 5, usd: 1 })), NOW);
    const text = formatRules([rule, waste]);
    fits(text);
    expect(text.split('\n')[0]).toMatch(/^id\s+kind\s+scope\s+cooldown\s+fires on$/);
    expect(text.split('\n')[1]).toMatch(/^rule-[0-9a-f]{8}\s+rate\s+agent a-very-long-agent…\s+30 min\s+\$5\.00 per 10 min$/);
    fits(formatRules([rule, waste], 60), 60);
  });

  it('webhook list masks the secret-bearing end of a URL', () => {
    expect(maskedUrl('https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX')).toBe('https://hooks.slack.com/services/T000/B000/XXXX…');
    expect(maskedUrl('https://example.com/hook?token=abc')).toBe('https://example.com/hook?…');
    const text = formatWebhooks([{ id: 'webhook-1', url: 'https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX', format: 'SLACK', signed: true, createdAt: '2026-03-04T12:00:00.000Z' }]);
    fits(text);
    expect(text.split('\n')[1]).toBe('webhook-1  slack   yes     2026-03-04 12:00  https://hooks.sla…s/T000/B000/XXXX…');
  });

  it('alerts: time, level, kind and the message cut to what is left; wide text counted by columns', () => {
    const alert: AlertLine = {
      id: 'alert-1',
      kind: 'SPEND_RATE',
      level: 'WARNING',
      message: 'Session otel:runaway spent $1.50 within 10 min: over $1.50 per 10 min (rule "burn rate") and more words to cut',
      sessionId: 'otel:runaway',
      spanId: 'otel:abc:0001',
      firedAt: '2026-03-04T12:00:05.123Z',
    };
    expect(alertHeader()).toBe('time (UTC)        level    kind        message');
    const row = alertRow(alert);
    expect(row).toBe('2026-03-04 12:00  warning  spend rate  Session otel:runaway spent $1.50 within…');
    expect(displayWidth(row)).toBeGreaterThan(76);
    fits(alertRow({ ...alert, kind: 'WASTE', level: 'LIMIT', message: '轮询循环 '.repeat(30) }));
    fits(alertRow(alert, 50), 50);
    const table = formatAlerts([alert], 3);
    fits(table);
    expect(table.split('\n').at(-1)).toBe('1 of 3 alerts, newest first (--limit for more)');
    expect(formatAlerts([], 0)).toMatch(/^No alerts match/);
    expect(alertUrl('http://127.0.0.1:4318', alert)).toBe('http://127.0.0.1:4318/ui/#/session/otel:runaway?span=otel%3Aabc%3A0001');
    expect(alertUrl('http://127.0.0.1:4318', { sessionId: null, spanId: null })).toBeNull();
  });
});

describe('engine answers', () => {
  it('a field the engine lacks is named, whatever else the error says', () => {
    expect(missingField('Cannot query field "createWebhook" on type "Mutation".')).toBe('createWebhook');
    expect(missingField('Unknown type "CreateWebhookInput".')).toBe('CreateWebhookInput');
    expect(missingField('input.url: must be https')).toBeNull();
  });
});

describe('the SSE reader of alerts --follow', () => {
  it('assembles events from chunks cut anywhere, skips comments, keeps the last id and the retry delay', () => {
    const parser = new SseParser();
    const stream = ': clawtrace alerts\nretry: 2000\n\nevent: alert\nid: 1700000000000-a1\ndata: {"id":"a1"}\n\n: heartbeat\n\nevent: alert\r\nid: 1700000000001-a2\r\ndata: {"id":\r\ndata: "a2"}\r\n\r\n';
    for (const cut of [1, 2, 3, 7, 50, stream.length]) {
      const p = new SseParser();
      const events = [];
      for (let i = 0; i < stream.length; i += cut) events.push(...p.push(stream.slice(i, i + cut)));
      expect(events, `chunks of ${cut}`).toEqual([
        { event: 'alert', data: '{"id":"a1"}', id: '1700000000000-a1' },
        { event: 'alert', data: '{"id":\n"a2"}', id: '1700000000001-a2' },
      ]);
      expect(p.retryMs).toBe(2000);
      expect(p.lastEventId).toBe('1700000000001-a2');
    }
    // An event without an id keeps the last one; a blank line with no data dispatches nothing.
    expect(parser.push('id: 5\n\ndata: x\n\n')).toEqual([{ event: 'message', data: 'x', id: '5' }]);
  });
});
