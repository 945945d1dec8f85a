// What a caller may store as a budget or an alert rule: checked here (GraphQL and the CLI both come
// through it), with messages that name the field and what is wrong. Money and minutes must be
// finite and positive; scopes other than PROJECT need their value; SESSION scope takes the
// SESSION window only (a single session has no periods worth budgeting apart).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { boundKey } from '../domain/bound-key.ts';
import { FINDING_KINDS } from '../domain/redundancy/kinds.ts';
import { scopeWords, usd } from './messages.ts';
import { BUDGET_SCOPES, BUDGET_WINDOWS, type AlertRule, type Budget } from './types.ts';

/** Budgets and rules a project may hold: evaluation reads them all on every finaliser round. */
export const MAX_DEFINITIONS = 200;

const money = z.number().finite('must be a finite number').positive('must be more than 0').max(1e9, 'must be at most 1e9');
const minutes = z.number().finite('must be a finite number').positive('must be more than 0').max(525_600, 'must be at most a year (525600)');
const name = z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters').nullish();
const scopeValue = z.string().min(1, 'must not be empty').max(10_000, 'at most 10000 characters').transform(boundKey).nullish();

function checkScope(value: { scope: string; scopeValue?: string | null }, ctx: z.RefinementCtx) {
  if (value.scope === 'PROJECT' && value.scopeValue) ctx.addIssue({ code: 'custom', path: ['scopeValue'], message: 'PROJECT scope takes no scopeValue' });
  if (value.scope !== 'PROJECT' && !value.scopeValue) {
    ctx.addIssue({ code: 'custom', path: ['scopeValue'], message: `${value.scope} scope needs a scopeValue (the ${value.scope.toLowerCase()} it covers)` });
  }
}

export const BudgetInputSchema = z
  .object({
    name,
    scope: z.enum(BUDGET_SCOPES),
    scopeValue,
    window: z.enum(BUDGET_WINDOWS),
    warnUsd: money.nullish(),
    limitUsd: money,
  })
  .superRefine((v, ctx) => {
    checkScope(v, ctx);
    if (v.scope === 'SESSION' && v.window !== 'SESSION') ctx.addIssue({ code: 'custom', path: ['window'], message: 'SESSION scope takes the SESSION window' });
    if (v.warnUsd != null && v.warnUsd >= v.limitUsd) ctx.addIssue({ code: 'custom', path: ['warnUsd'], message: `must be below limitUsd (${v.limitUsd})` });
  });

const FindingKindSchema = z.enum(FINDING_KINDS);

export const AlertRuleInputSchema = z
  .object({
    name,
    kind: z.enum(['SPEND_RATE', 'WASTE']),
    scope: z.enum(BUDGET_SCOPES).default('PROJECT'),
    scopeValue,
    thresholdUsd: money.nullish(),
    windowMinutes: minutes.nullish(),
    minMinutes: minutes.nullish(),
    findingKinds: z.array(FindingKindSchema).min(1, 'name at least one kind').max(FINDING_KINDS.length).nullish(),
    cooldownMinutes: z.number().finite('must be a finite number').min(0, 'must be 0 or more').max(525_600).default(30),
  })
  .superRefine((v, ctx) => {
    checkScope(v, ctx);
    if (v.kind === 'SPEND_RATE') {
      if (v.thresholdUsd == null) ctx.addIssue({ code: 'custom', path: ['thresholdUsd'], message: 'SPEND_RATE needs thresholdUsd (USD within the window)' });
      if (v.windowMinutes == null) ctx.addIssue({ code: 'custom', path: ['windowMinutes'], message: 'SPEND_RATE needs windowMinutes' });
      if (v.minMinutes != null || v.findingKinds != null) ctx.addIssue({ code: 'custom', path: ['kind'], message: 'minMinutes and findingKinds are for WASTE rules' });
    } else {
      if (v.thresholdUsd == null && v.minMinutes == null) ctx.addIssue({ code: 'custom', path: ['minMinutes'], message: 'WASTE needs minMinutes, thresholdUsd or both' });
      if (v.windowMinutes != null) ctx.addIssue({ code: 'custom', path: ['windowMinutes'], message: 'windowMinutes is for SPEND_RATE rules' });
    }
  });

export type BudgetInput = z.input<typeof BudgetInputSchema>;
export type AlertRuleInput = z.input<typeof AlertRuleInputSchema>;

/** Zod problems as one line: `input.limitUsd: must be more than 0; ...`. */
export function describeProblems(error: z.ZodError, prefix = 'input'): string {
  return error.issues.map((i) => `${[prefix, ...i.path].join('.')}: ${i.message}`).join('; ');
}

export function newBudget(input: z.output<typeof BudgetInputSchema>, nowMs = Date.now()): Budget {
  const window = input.window === 'SESSION' ? 'per session' : `per ${input.window.toLowerCase()}`;
  return {
    id: `budget-${randomUUID()}`,
    name: input.name ?? `${scopeWords(input.scope, input.scopeValue ?? null)} ${window}: ${usd(input.limitUsd)}`,
    scope: input.scope,
    scopeValue: input.scopeValue ?? null,
    window: input.window,
    warnUsd: input.warnUsd ?? null,
    limitUsd: input.limitUsd,
    createdAt: new Date(nowMs).toISOString(),
    createdAtMs: nowMs,
  };
}

export function newAlertRule(input: z.output<typeof AlertRuleInputSchema>, nowMs = Date.now()): AlertRule {
  const fallbackName =
    input.kind === 'SPEND_RATE'
      ? `spend over ${usd(input.thresholdUsd!)} per ${input.windowMinutes} min`
      : `waste ${[input.minMinutes != null ? `≥ ${input.minMinutes} min` : null, input.thresholdUsd != null ? `≥ ${usd(input.thresholdUsd)}` : null].filter(Boolean).join(' or ')}`;
  return {
    id: `rule-${randomUUID()}`,
    name: input.name ?? fallbackName,
    kind: input.kind,
    scope: input.scope,
    scopeValue: input.scopeValue ?? null,
    thresholdUsd: input.thresholdUsd ?? null,
    windowMinutes: input.windowMinutes ?? null,
    minMinutes: input.minMinutes ?? null,
    findingKinds: input.findingKinds ?? null,
    cooldownMinutes: input.cooldownMinutes,
    createdAt: new Date(nowMs).toISOString(),
    createdAtMs: nowMs,
  };
}
