// The clawtrace CLI.
import { Command, Option } from 'commander';
import { Neo4jSetupError } from '../../neo4j/errors.ts';
import { LOCAL_PROJECT } from '../api/context.ts';
import { SOURCES } from '../domain/model.ts';
import { FORMATS } from '../sources/discover.ts';
import { parseCooldown, parseKinds, parseMinutes, parseSince, parseUsd } from './alert-flags.ts';
import { runAlerts, type AlertsCommandOptions } from './alerts-command.ts';
import { runBudgetAdd, runBudgetList, runBudgetRm, WINDOWS, type BudgetAddOptions } from './budget-command.ts';
import { parseBudget, runCard } from './card-command.ts';
import { runCohorts, type CohortsCommandOptions } from './cohorts-command.ts';
import { runDistill, type DistillCommandOptions } from './distill-command.ts';
import { runImpact, type ImpactCommandOptions } from './impact-command.ts';
import { runImport, type ImportCommandOptions } from './import-command.ts';
import { runKeysCreate, runKeysList, runKeysRevoke } from './keys-command.ts';
import { runMcp, type McpCommandOptions } from './mcp-command.ts';
import { runRuleAddRate, runRuleAddWaste, runRuleList, runRuleRm, type RateRuleOptions, type WasteRuleOptions } from './rule-command.ts';
import { parseLimit, parseMinCost, runSessions, SESSION_SORTS, type SessionsCommandOptions } from './sessions-command.ts';
import { runWebhookAdd, runWebhookList, runWebhookRm } from './webhook-command.ts';

const program = new Command('clawtrace').description('Cost-aware tracing for LLM agents, on Neo4j');

program
  .command('import')
  .description('Import agent traces (files or folders, recursively): OpenClaw and Claude Code transcripts, OTLP JSON, plugin events, τ-bench, and the other formats --format lists')
  .argument('<paths...>', 'files or folders, e.g. ~/.openclaw ~/.claude/projects')
  .addOption(new Option('--format <format>', 'skip detection and read every file as this format').choices([...FORMATS]))
  .option('--dry-run', 'parse and report without writing to the graph')
  .option('--project <id>', 'project to import into', LOCAL_PROJECT)
  .option('--skip-deleted', 'leave out soft-deleted OpenClaw transcripts (<id>.jsonl.deleted.<ts>; completed sub-agents are kept this way, so their spawns show as missing)')
  .option('--skip-reset', 'leave out OpenClaw transcripts archived by a reset (<id>.jsonl.reset.<ts>)')
  .option('--json', 'print the report as JSON')
  .action(async (paths: string[], opts: ImportCommandOptions) => {
    process.exitCode = await runImport(paths, opts);
  });

const keys = program.command('keys').description('API keys: each acts for one project (stored hashed; shown once)');
keys
  .command('create')
  .description('create an API key for a project and print it once')
  .requiredOption('--project <name>', 'the project the key reads and writes')
  .option('--name <label>', 'a label to recognise the key by')
  .action(async (opts: { project: string; name?: string }) => {
    process.exitCode = await runKeysCreate(opts);
  });
keys
  .command('list')
  .description('list API keys (prefixes only, never the secret)')
  .option('--project <name>', 'only keys of this project')
  .action(async (opts: { project?: string }) => {
    process.exitCode = await runKeysList(opts);
  });
keys
  .command('revoke')
  .description('delete an API key by its prefix (from keys list)')
  .argument('<prefix>', 'the key prefix, e.g. ctk_AbCdEfGh')
  .action(async (prefix: string) => {
    process.exitCode = await runKeysRevoke(prefix);
  });

program
  .command('sessions')
  .description('List sessions (latest first), filtered, as a table that fits the terminal or as JSON; each row\'s ref is what `clawtrace card` takes')
  .option('--agent <id>', 'only this agent\'s sessions (its id, e.g. build)')
  .addOption(new Option('--source <name>', 'only sessions from this source').choices([...SOURCES]))
  .option('--since <date>', 'started at or after (2026-02-18, or an ISO date-time; UTC)')
  .option('--until <date>', 'started before (a bare date includes that whole day)')
  .option('--role <role>', 'main, subagent, compaction, warmup, internal')
  .option('--min-cost <usd>', 'inclusive cost at least this (USD)', parseMinCost)
  .option('--search <text>', 'the task (title) contains this text, ignoring case')
  .addOption(new Option('--sort <key>', 'cost (inclusive, dearest first), started (latest first), spans (most first)').choices([...SESSION_SORTS]).default('started'))
  .option('--limit <n>', 'rows to show (1-1000)', parseLimit, 20)
  .option('--project <id>', 'project to read', LOCAL_PROJECT)
  .option('--json', 'print JSON: { total, sessions: [...] } with ids, refs and explorer links')
  .action(async (opts: SessionsCommandOptions) => {
    process.exitCode = await runSessions(opts);
  });

program
  .command('card')
  .description('Print the TraceCard (compact YAML summary) of a session, or of the sessions of a transcript file')
  .argument('[sessionId]', 'session id, the source\'s own session id, a prefix of either (e.g. 684637ff), or a ref from `clawtrace sessions`')
  .addHelpText(
    'after',
    `
A prefix that matches several sessions:
  - when exactly one of them is a main session and all the others are inside it (its sub-agents,
    compaction and warm-up runs: a Claude Code session and its sub-agents share their id's
    prefix), that main session's card is printed;
  - otherwise the candidates are listed (ref, role, agent, inclusive cost, title) and the exit
    code is 2: run again with one of their refs.`,
  )
  .option('--file <transcript>', 'import this transcript first, then print the card of each session in it')
  .option('--budget <tokens>', 'token budget (chars/4); lower-priority rows are cut first', parseBudget)
  .option('--project <id>', 'project to read (and import into)', LOCAL_PROJECT)
  .action(async (sessionId: string | undefined, opts: { file?: string; budget?: number; project: string }) => {
    process.exitCode = await runCard(sessionId, opts);
  });

program
  .command('distill')
  .description('Distil an evolved SKILL.md from the sessions of a skill, an agent or a recurring task (CostCraft)')
  .option('--skill <name>', 'the skill whose sessions to distil (recorded or detected); with --agent/--cohort/--sessions: the SKILL.md name')
  .option('--agent <id>', "distil from this agent's sessions")
  .option('--cohort <kind:key>', 'distil from a cohort listed by `clawtrace cohorts` (skill:X, agent:X, task:cron:…)')
  .option('--sessions <ids>', 'comma-separated session ids (instead of a cohort)')
  .option('--base <file>', 'the current SKILL.md to evolve')
  .addOption(new Option('--mode <mode>', 'CLAUDE (needs ANTHROPIC_API_KEY) or OFFLINE templates').choices(['OFFLINE', 'CLAUDE']))
  .option('--model <id>', 'Claude model for CLAUDE mode')
  .option('--budget <tokens>', 'token budget of the SKILL.md (default 1200)')
  .option('--out <file>', 'write the SKILL.md here instead of printing it')
  .option('--project <id>', 'project to read', LOCAL_PROJECT)
  .option('--json', 'print the whole run (patches, evidence, diff) as JSON')
  .action(async (opts: DistillCommandOptions) => {
    process.exitCode = await runDistill(opts);
  });

program
  .command('cohorts')
  .description('List what distill can learn from: skills used, agents, recurring tasks, with sessions, spend and outcomes')
  .addOption(new Option('--kind <kind>', 'only one kind').choices(['skill', 'agent', 'task']))
  .option('--project <id>', 'project to read', LOCAL_PROJECT)
  .option('--json', 'print JSON')
  .action(async (opts: CohortsCommandOptions) => {
    process.exitCode = await runCohorts(opts);
  });

program
  .command('mcp')
  .description('Serve the MCP tools (sessions, TraceCards, cost, waste, skills, distill, read-only GraphQL) over stdio')
  .option('--project <id>', `project to serve (default ${LOCAL_PROJECT}); with CLAWTRACE_API_KEY set, the key's project`)
  .action(async (opts: McpCommandOptions) => {
    // Exit outright: a distill run still in flight when the client leaves must not keep it alive.
    process.exit(await runMcp(opts));
  });

program
  .command('impact')
  .description('Did a distilled skill version cut cost without hurting outcomes? Versions compared with intervals and tests; exit 1 on a regression alert')
  .requiredOption('--skill <name>', 'the skill whose versions to compare')
  .option('--from <iso>', 'sessions started at or after this instant')
  .option('--to <iso>', 'sessions started before this instant')
  .option('--baseline <version>', 'version to compare against: v<n>, a version id, sha:<hash prefix> or a label')
  .option('--candidate <version>', 'version to evaluate (default: the newest stored version sessions ran)')
  .option('--project <id>', 'project to read', LOCAL_PROJECT)
  .option('--json', 'print the report as JSON')
  .action(async (opts: ImpactCommandOptions) => {
    process.exitCode = await runImpact(opts);
  });

/** --agent / --skill / --session: what a budget or rule covers (the whole project when none is given). */
function scopeOptions(command: Command): Command {
  return command
    .option('--agent <id>', "only this agent's session trees (its id, e.g. build)")
    .option('--skill <name>', 'only sessions that ran this skill (recorded or detected)')
    .option('--session <id>', 'only this session and its sub-agents (an id, or a ref from clawtrace sessions)');
}

const budget = program.command('budget').description('Spend limits: a warning and a limit in USD per session tree or per period, for the project, an agent, a skill or a session');
scopeOptions(
  budget
    .command('add')
    .description('add a budget; its id is printed (alerts fire as the engine finalises sessions)')
    .requiredOption('--limit <usd>', 'the limit in USD: crossing it fires a LIMIT alert', parseUsd)
    .option('--warn <usd>', 'a warning level in USD, below the limit', parseUsd)
    .addOption(new Option('--window <window>', 'per session tree (with its sub-agents), or per UTC hour, day, ISO week, month').choices([...WINDOWS]).default('session')),
)
  .option('--name <text>', 'a name for lists and alert messages (default: what it covers)')
  .option('--project <id>', 'project to add it to', LOCAL_PROJECT)
  .option('--json', 'print the stored budget as JSON')
  .action(async (opts: BudgetAddOptions) => {
    process.exitCode = await runBudgetAdd(opts);
  });
budget
  .command('list')
  .description("list budgets, with each period budget's spend in its current period and its status")
  .option('--project <id>', 'project to read', LOCAL_PROJECT)
  .option('--json', 'print JSON')
  .action(async (opts: { project: string; json?: boolean }) => {
    process.exitCode = await runBudgetList(opts);
  });
budget
  .command('rm')
  .description('remove a budget (the alerts it fired stay)')
  .argument('<id>', 'the id budget list shows')
  .option('--project <id>', 'project to remove it from', LOCAL_PROJECT)
  .action(async (id: string, opts: { project: string }) => {
    process.exitCode = await runBudgetRm(id, opts);
  });

const rule = program.command('rule').description("Alert rules: a session tree's spend rate, and waste while it happens (poll loops, failed-retry streaks, repeated requests)");
const ruleAdd = rule.command('add').description('add an alert rule: rate or waste');
const ruleCommon = (command: Command) =>
  scopeOptions(command)
    .option('--cooldown <minutes>', 'after firing for a session, stay quiet for it this long (default 30)', parseCooldown)
    .option('--name <text>', 'a name for lists and alert messages')
    .option('--project <id>', 'project to add it to', LOCAL_PROJECT)
    .option('--json', 'print the stored rule as JSON');
ruleCommon(
  ruleAdd
    .command('rate')
    .description('fire when a session tree spends --usd within --per minutes (of its own clock)')
    .requiredOption('--usd <usd>', 'USD within the window', parseUsd)
    .requiredOption('--per <minutes>', 'the sliding window in minutes', parseMinutes),
).action(async (opts: RateRuleOptions) => {
  process.exitCode = await runRuleAddRate(opts);
});
ruleCommon(
  ruleAdd
    .command('waste')
    .description('fire when a run of one waste kind in a session lasts --minutes or wastes --usd, whichever comes first')
    .option('--minutes <n>', 'minutes the run must have lasted', parseMinutes)
    .option('--usd <usd>', 'USD the run must have wasted', parseUsd)
    .option('--kinds <kinds>', 'comma-separated finding kinds (default poll_loop,failed_retry,repeated_llm_request)', parseKinds),
).action(async (opts: WasteRuleOptions) => {
  process.exitCode = await runRuleAddWaste(opts);
});
rule
  .command('list')
  .description('list alert rules')
  .option('--project <id>', 'project to read', LOCAL_PROJECT)
  .option('--json', 'print JSON')
  .action(async (opts: { project: string; json?: boolean }) => {
    process.exitCode = await runRuleList(opts);
  });
rule
  .command('rm')
  .description('remove an alert rule (the alerts it fired stay)')
  .argument('<id>', 'the id rule list shows')
  .option('--project <id>', 'project to remove it from', LOCAL_PROJECT)
  .action(async (id: string, opts: { project: string }) => {
    process.exitCode = await runRuleRm(id, opts);
  });

const webhook = program
  .command('webhook')
  .description("Where alerts are delivered, through the running engine (its project: CLAWTRACE_API_KEY's, else local)");
webhook
  .command('add')
  .description('deliver alerts fired from now on to this URL (retried on failure)')
  .argument('<url>', 'https URL (http on loopback), e.g. a Slack incoming webhook')
  .option('--slack', "send Slack's incoming-webhook format instead of JSON")
  .option('--secret <s>', 'sign each body with HMAC-SHA256 (header X-ClawTrace-Signature: sha256=...)')
  .option('--json', 'print the stored webhook as JSON')
  .action(async (url: string, opts: { slack?: boolean; secret?: string; json?: boolean }) => {
    process.exitCode = await runWebhookAdd(url, opts);
  });
webhook
  .command('list')
  .description('list webhooks')
  .option('--json', 'print JSON')
  .action(async (opts: { json?: boolean }) => {
    process.exitCode = await runWebhookList(opts);
  });
webhook
  .command('rm')
  .description('stop delivering to a webhook')
  .argument('<id>', 'the id webhook list shows')
  .action(async (id: string) => {
    process.exitCode = await runWebhookRm(id);
  });

program
  .command('alerts')
  .description('List the alerts budgets and rules fired, newest first; --follow prints new ones as they fire')
  .option('--session <id>', 'only alerts of this session tree (an id, or a ref from clawtrace sessions)')
  .option('--since <when>', 'fired at or after: an age (30m, 2h, 1d) or a date / ISO date-time (UTC)', (v: string) => parseSince(v))
  .option('--limit <n>', 'alerts to list (1-1000)', parseLimit, 20)
  .option('--project <id>', `project to read (default ${LOCAL_PROJECT}; with --follow and CLAWTRACE_API_KEY, the key's)`)
  .option('--json', 'print JSON: { total, alerts } (with --follow: one alert per line)')
  .option('-f, --follow', 'then print each new alert as it fires (the engine\'s alert stream) until Ctrl-C')
  .action(async (opts: AlertsCommandOptions) => {
    process.exitCode = await runAlerts(opts);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof Neo4jSetupError ? error.message : `clawtrace: ${(error as Error).message}`);
  process.exit(2);
});
