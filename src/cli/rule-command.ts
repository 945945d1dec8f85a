// `clawtrace rule add rate|waste`, `rule list`, `rule rm`: alert rules on a session tree's spend rate
// and on waste while it happens (poll loops, failed-retry streaks, repeated requests), stored in the
// graph through the same checks as GraphQL's createAlertRule (src/alerts/definitions.ts).
import { AlertRuleInputSchema, MAX_DEFINITIONS, newAlertRule } from '../alerts/definitions.ts';
import { usd } from '../alerts/messages.ts';
import { DEFAULT_WASTE_KINDS } from '../alerts/rule-crossings.ts';
import type { AlertRule } from '../alerts/types.ts';
import { deleteAlertRule, listAlertRules, saveAlertRule } from '../graph/budgets.ts';
import type { FindingKind } from '../domain/redundancy/kinds.ts';
import { flagProblems, scopeOf, type ScopeFlags } from './alert-flags.ts';
import { pickId, sessionScopeValue, scopeText, shortId } from './budget-command.ts';
import { withGraph } from './connect.ts';
import { renderTable, type Column } from './table.ts';
import { fit } from './text-width.ts';

interface RuleCommon extends ScopeFlags {
  cooldown?: number;
  name?: string;
  project: string;
  json?: boolean;
}

export interface RateRuleOptions extends RuleCommon {
  usd: number;
  per: number;
}

export interface WasteRuleOptions extends RuleCommon {
  minutes?: number;
  usd?: number;
  kinds?: FindingKind[];
}

export function rateRuleInput(options: Omit<RateRuleOptions, 'project' | 'json'>) {
  return {
    name: options.name ?? null,
    kind: 'SPEND_RATE' as const,
    ...scopeOf(options),
    thresholdUsd: options.usd,
    windowMinutes: options.per,
    ...(options.cooldown !== undefined ? { cooldownMinutes: options.cooldown } : {}),
  };
}

export function wasteRuleInput(options: Omit<WasteRuleOptions, 'project' | 'json'>) {
  return {
    name: options.name ?? null,
    kind: 'WASTE' as const,
    ...scopeOf(options),
    thresholdUsd: options.usd ?? null,
    minMinutes: options.minutes ?? null,
    findingKinds: options.kinds ?? null,
    ...(options.cooldown !== undefined ? { cooldownMinutes: options.cooldown } : {}),
  };
}

/** What a rule watches, in a few words: `$5.00 per 10 min`, `poll_loop ≥ 5 min or ≥ $1.00`. */
export function ruleCondition(rule: Pick<AlertRule, 'kind' | 'thresholdUsd' | 'windowMinutes' | 'minMinutes' | 'findingKinds'>): string {
  if (rule.kind === 'SPEND_RATE') return `${usd(rule.thresholdUsd ?? 0)} per ${rule.windowMinutes} min`;
  const kinds = (rule.findingKinds ?? DEFAULT_WASTE_KINDS).join(',');
  const limits = [rule.minMinutes !== null ? `≥ ${rule.minMinutes} min` : null, rule.thresholdUsd !== null ? `≥ ${usd(rule.thresholdUsd)}` : null].filter(Boolean);
  return `${kinds} ${limits.join(' or ')}`;
}

const RULE_COLUMNS: Array<Column<AlertRule>> = [
  { header: 'id', value: (r) => shortId(r.id) },
  { header: 'kind', value: (r) => (r.kind === 'SPEND_RATE' ? 'rate' : 'waste') },
  { header: 'scope', value: (r) => scopeText(r.scope, r.scopeValue), maxWidth: 24, drop: 1 },
  { header: 'cooldown', value: (r) => `${r.cooldownMinutes} min`, align: 'right', drop: 2 },
  { header: 'name', value: (r) => r.name, maxWidth: 20, drop: 3 },
  { header: 'fires on', value: (r) => ruleCondition(r), flex: true, minWidth: 16 },
];

export function formatRules(rules: readonly AlertRule[], width = 80): string {
  if (rules.length === 0) return 'No alert rules in this project (add one: clawtrace rule add rate --usd 5 --per 10)';
  return [...renderTable(RULE_COLUMNS, rules, width), 'remove one: clawtrace rule rm <id>'].map((line) => fit(line, width)).join('\n');
}

async function addRule(input: Record<string, unknown>, options: RuleCommon): Promise<number> {
  const parsed = AlertRuleInputSchema.safeParse(input);
  if (!parsed.success) {
    console.error(`clawtrace rule add: ${flagProblems(parsed.error)}`);
    return 2;
  }
  return withGraph(async (graph) => {
    const value = parsed.data;
    if (value.scope === 'SESSION') {
      const session = await sessionScopeValue(graph, options.project, value.scopeValue!);
      if (!session.known) console.error(`note: no session "${session.id}" in project ${options.project} yet; the rule applies to it when it arrives`);
      value.scopeValue = session.id;
    }
    if ((await listAlertRules(graph, options.project)).length >= MAX_DEFINITIONS) {
      console.error(`clawtrace rule add: project ${options.project} already holds ${MAX_DEFINITIONS} alert rules; remove one first (clawtrace rule rm <id>)`);
      return 2;
    }
    const rule = await saveAlertRule(graph, options.project, newAlertRule(value));
    if (options.json) console.log(JSON.stringify(rule, null, 2));
    else {
      console.log(shortId(rule.id));
      console.error(`Rule "${rule.name}": fires on ${ruleCondition(rule)}, ${scopeText(rule.scope, rule.scopeValue)}, then quiet ${rule.cooldownMinutes} min per session.`);
    }
    return 0;
  });
}

export const runRuleAddRate = (options: RateRuleOptions) => addRule(rateRuleInput(options), options);
export const runRuleAddWaste = (options: WasteRuleOptions) => addRule(wasteRuleInput(options), options);

export async function runRuleList(options: { project: string; json?: boolean }): Promise<number> {
  const rules = await withGraph((graph) => listAlertRules(graph, options.project));
  console.log(options.json ? JSON.stringify(rules, null, 2) : formatRules(rules, process.stdout.columns || 80));
  return 0;
}

export async function runRuleRm(handle: string, options: { project: string }): Promise<number> {
  return withGraph(async (graph) => {
    const id = pickId((await listAlertRules(graph, options.project)).map((r) => r.id), handle, 'rule-');
    if (id === 'ambiguous') {
      console.error(`clawtrace rule rm: "${handle}" starts the ids of several rules; give more of it (clawtrace rule list --json shows whole ids)`);
      return 2;
    }
    if (id === null || !(await deleteAlertRule(graph, options.project, id))) {
      console.error(`clawtrace rule rm: no alert rule "${handle}" in project ${options.project} (clawtrace rule list shows the ids)`);
      return 1;
    }
    console.error(`Removed alert rule ${id}; the alerts it fired stay.`);
    return 0;
  });
}
