// `clawtrace card <sessionId>` prints the TraceCard of a stored session (an id, the source's own
// session id, or a unique prefix of either); `clawtrace card --file <transcript>` imports the file
// first and prints the card of each session it holds that no other session of the file spawned
// (a sub-agent's card is part of its parent's). Several cards are separate YAML documents.
// A prefix that matches several sessions picks the main session when the others are inside it
// (pickSessionAmong); otherwise the candidates are listed and the exit code is 2 (a usage error).
import { readEnv } from '../config.ts';
import { createPricer } from '../domain/cost/index.ts';
import type { Graph } from '../graph/driver.ts';
import { resolveSessionRef } from '../graph/session-refs.ts';
import type { SessionNode } from '../graph/sessions.ts';
import { loadCardInput } from '../graph/tracecard.ts';
import { importFiles } from '../ingest/import-files.ts';
import { buildTraceCard, DEFAULT_BUDGET_TOKENS } from '../tracecard/index.ts';
import { withGraph } from './connect.ts';
import { COLUMNS, lowerBoundNote, sessionRows } from './session-columns.ts';
import { pickSessionAmong } from './session-ref.ts';
import { renderTable } from './table.ts';

export interface CardCommandOptions {
  file?: string;
  budget?: number;
  project: string;
}

export function parseBudget(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--budget takes a whole number of tokens (got "${value}")`);
  return n;
}

async function cardYaml(graph: Graph, projectId: string, sessionId: string, budgetTokens: number): Promise<string | null> {
  const input = await loadCardInput(graph, projectId, sessionId);
  return input ? buildTraceCard(input, { budgetTokens }).yaml : null;
}

/** The imported sessions that are not inside another imported session's tree. */
async function rootsOf(graph: Graph, projectId: string, sessionIds: string[]): Promise<string[]> {
  const inside = new Set<string>();
  for (const id of sessionIds) {
    const input = await loadCardInput(graph, projectId, id);
    input?.tree.filter((s) => s.id !== id).forEach((s) => inside.add(s.id));
  }
  return [...new Set(sessionIds)].filter((id) => !inside.has(id)).sort();
}

/** Candidates listed for an ambiguous reference (and checked by the main-session rule). */
const CANDIDATES = 50;

/** The candidates of an ambiguous reference, as a table whose refs each name one of them. */
export function ambiguous(ref: string, candidates: readonly SessionNode[], total: number, width = 80): string {
  const rows = sessionRows(candidates);
  const table = renderTable([COLUMNS.ref, { ...COLUMNS.role, drop: undefined }, COLUMNS.agent, COLUMNS.cost, COLUMNS.title], rows, width - 2);
  const note = lowerBoundNote(rows);
  return [
    `clawtrace card: "${ref}" matches ${total} sessions; give one of these refs:`,
    ...table.map((line) => `  ${line}`),
    ...(total > rows.length ? [`  … and ${total - rows.length} more`] : []),
    ...(note ? [`  ${note}`] : []),
  ].join('\n');
}

export async function runCard(sessionRef: string | undefined, options: CardCommandOptions): Promise<number> {
  const budgetTokens = options.budget ?? DEFAULT_BUDGET_TOKENS;
  if (!sessionRef && !options.file) {
    console.error('clawtrace card: give a session id, or --file <transcript>');
    return 2;
  }
  return withGraph(async (graph) => {
    let sessionIds: string[];
    if (options.file) {
      const pricer = createPricer({ overridesFile: readEnv().CLAWTRACE_PRICES });
      const report = await importFiles(graph, { paths: [options.file], projectId: options.project, pricer });
      for (const r of report.rejections.slice(0, 20)) console.error(`rejected ${r.location}: ${r.reason}`);
      sessionIds = await rootsOf(graph, options.project, report.sessionIds);
      if (sessionIds.length === 0) {
        console.error(`clawtrace card: ${options.file} holds no session`);
        return 1;
      }
    } else {
      const matches = await resolveSessionRef(graph, options.project, sessionRef!, CANDIDATES);
      if (matches.total === 0) {
        console.error(`clawtrace card: no session "${sessionRef}" in project ${options.project} (clawtrace sessions lists them)`);
        return 1;
      }
      const picked = matches.total === 1 ? matches.sessions[0]!.id : pickSessionAmong(matches.sessions, matches.total === matches.sessions.length);
      if (!picked) {
        console.error(ambiguous(sessionRef!, matches.sessions, matches.total));
        return 2;
      }
      sessionIds = [picked];
    }
    const cards: string[] = [];
    for (const id of sessionIds) {
      const yaml = await cardYaml(graph, options.project, id, budgetTokens);
      if (yaml) cards.push(yaml);
    }
    process.stdout.write(cards.join('---\n'));
    return 0;
  });
}
