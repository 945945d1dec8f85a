// The clawtrace CLI.
import { Command, Option } from 'commander';
import { Neo4jSetupError } from '../../neo4j/errors.ts';
import { LOCAL_PROJECT } from '../api/context.ts';
import { SOURCES } from '../domain/model.ts';
import { FORMATS } from '../sources/discover.ts';
import { parseBudget, runCard } from './card-command.ts';
import { runCohorts, type CohortsCommandOptions } from './cohorts-command.ts';
import { runDistill, type DistillCommandOptions } from './distill-command.ts';
import { runImpact, type ImpactCommandOptions } from './impact-command.ts';
import { runImport, type ImportCommandOptions } from './import-command.ts';
import { runKeysCreate, runKeysList, runKeysRevoke } from './keys-command.ts';
import { runMcp, type McpCommandOptions } from './mcp-command.ts';
import { parseLimit, parseMinCost, runSessions, SESSION_SORTS, type SessionsCommandOptions } from './sessions-command.ts';

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

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof Neo4jSetupError ? error.message : `clawtrace: ${(error as Error).message}`);
  process.exit(2);
});
