// The clawtrace CLI.
import { Command, Option } from 'commander';
import { Neo4jSetupError } from '../../neo4j/errors.ts';
import { LOCAL_PROJECT } from '../api/context.ts';
import { FORMATS, type Format } from '../sources/discover.ts';
import { runImport } from './import-command.ts';

const program = new Command('clawtrace').description('Cost-aware tracing for LLM agents, on Neo4j');

program
  .command('import')
  .description('Import OpenClaw / Claude Code transcripts, OTLP JSON or plugin event files (files or folders, recursively)')
  .argument('<paths...>', 'files or folders, e.g. ~/.openclaw ~/.claude/projects')
  .addOption(new Option('--format <format>', 'skip detection and read every file as this format').choices([...FORMATS]))
  .option('--dry-run', 'parse and report without writing to the graph')
  .option('--project <id>', 'project to import into', LOCAL_PROJECT)
  .option('--json', 'print the report as JSON')
  .action(async (paths: string[], opts: { format?: Format; dryRun?: boolean; project: string; json?: boolean }) => {
    process.exitCode = await runImport(paths, opts);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof Neo4jSetupError ? error.message : `clawtrace: ${(error as Error).message}`);
  process.exit(2);
});
