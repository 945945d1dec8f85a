// The Claude analysts (DESIGN §8), through @anthropic-ai/sdk:
//   - success analyst: one successful session + evidence → one preserve, optionally one prune;
//   - error analyst: one failed session → repairs, with tools inspect_mismatches,
//     read_gold_snippet and final_patch, for at most `maxTurns` requests.
// Every request re-sends the full task context as the system prompt plus the whole conversation.
// Output is validated with zod: an invalid output (malformed JSON, wrong shape) is answered with
// the validation error and asked once more; a second invalid output, a refusal, or running out of
// turns makes a FAILED analysis (recorded, never turned into a rule). API errors: see claude-api.ts.
import Anthropic from '@anthropic-ai/sdk';
import { DEFAULT_RETRY, withApiRetries, type RetryPolicy } from './claude-api.ts';
import {
  FINAL_PATCH_TOOL,
  finalPatchSchema,
  INSPECT_MISMATCHES_TOOL,
  jsonFromText,
  READ_GOLD_SNIPPET_TOOL,
  runEvidenceTool,
} from './claude-tools.ts';
import { taskContext, type AnalystTask } from './context.ts';
import { noRetries, type AnalysisReport } from './types.ts';

export const DEFAULT_CLAUDE_MODEL = 'claude-sonnet-4-5';

export interface ClaudeAnalystOptions {
  apiKey: string;
  baseURL?: string | null;
  model?: string;
  maxTurns?: number;
  maxTokens?: number;
  retry?: RetryPolicy;
  timeoutMs?: number;
  signal?: AbortSignal;
  onRetry?: (message: string) => void;
}

export function createClaudeClient(o: ClaudeAnalystOptions): Anthropic {
  // maxRetries 0: retries are ours, so they can be counted and reported.
  return new Anthropic({ apiKey: o.apiKey, baseURL: o.baseURL ?? undefined, maxRetries: 0, timeout: o.timeoutMs ?? 120_000 });
}

type Outcome = { kind: 'valid'; patches: unknown[] } | { kind: 'invalid'; message: string };

function validate(role: AnalystTask['role'], value: unknown): Outcome {
  const parsed = finalPatchSchema(role).safeParse(value);
  if (parsed.success) return { kind: 'valid', patches: value && typeof value === 'object' ? ((value as { patches: unknown[] }).patches ?? []) : [] };
  return { kind: 'invalid', message: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') };
}

export async function runClaudeAnalyst(client: Anthropic, task: AnalystTask, o: ClaudeAnalystOptions): Promise<AnalysisReport> {
  const started = Date.now();
  const model = o.model ?? DEFAULT_CLAUDE_MODEL;
  const maxTurns = o.maxTurns ?? (task.role === 'error' ? 6 : 3);
  const retries = noRetries();
  const report = (status: AnalysisReport['status'], drafts: unknown[], error: string | null, turns: number): AnalysisReport => ({
    analyst: task.role,
    label: 'CLAUDE',
    model,
    sessionId: task.session.sessionId,
    status,
    drafts,
    error,
    turns,
    retries,
    durationMs: Date.now() - started,
  });
  const system = taskContext(task);
  const tools = task.role === 'error' ? [INSPECT_MISMATCHES_TOOL, READ_GOLD_SNIPPET_TOOL, FINAL_PATCH_TOOL] : [FINAL_PATCH_TOOL];
  const messages: Anthropic.MessageParam[] = [
    { role: 'user', content: `Analyse session ${task.session.sessionId} and submit your patches with final_patch.` },
  ];
  let invalid = 0;
  for (let turn = 1; turn <= maxTurns; turn++) {
    let response: Anthropic.Message;
    try {
      response = await withApiRetries(
        () => client.messages.create({ model, max_tokens: o.maxTokens ?? 2048, system, tools, messages }, { signal: o.signal }),
        retries,
        o.retry ?? DEFAULT_RETRY,
        o.signal,
        (kind, attempt, delay) => o.onRetry?.(`${task.role} analyst ${task.session.sessionId}: ${kind} retry ${attempt} in ${delay} ms`),
      );
    } catch (error) {
      if (error instanceof Anthropic.APIUserAbortError) throw error;
      const status = error instanceof Anthropic.APIError && error.status ? ` (HTTP ${error.status})` : '';
      return report('failed', [], `API error${status}: ${(error as Error).message}`, turn);
    }
    if (response.stop_reason === 'refusal') return report('failed', [], 'the model refused the analysis', turn);
    messages.push({ role: 'assistant', content: response.content });

    const toolUses = response.content.filter((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use');
    let outcome: Outcome | null = null;
    const results: Anthropic.ToolResultBlockParam[] = [];
    for (const use of toolUses) {
      if (use.name === 'final_patch') {
        outcome = validate(task.role, use.input);
        results.push(
          outcome.kind === 'valid'
            ? { type: 'tool_result', tool_use_id: use.id, content: 'accepted' }
            : { type: 'tool_result', tool_use_id: use.id, is_error: true, content: `Invalid final_patch: ${outcome.message}. Call final_patch again with a corrected input.` },
        );
      } else if (use.name === 'inspect_mismatches' || use.name === 'read_gold_snippet') {
        results.push({ type: 'tool_result', tool_use_id: use.id, content: runEvidenceTool(use.name, use.input, task.repair) });
      } else {
        results.push({ type: 'tool_result', tool_use_id: use.id, is_error: true, content: `Unknown tool ${use.name}.` });
      }
    }
    if (toolUses.length === 0) {
      // No tool call: accept a JSON answer in the text, anything else is an invalid output.
      const text = response.content.map((b) => (b.type === 'text' ? b.text : '')).join('\n');
      const json = jsonFromText(text);
      outcome = json === null ? { kind: 'invalid', message: 'the reply is not valid JSON and did not call final_patch' } : validate(task.role, json);
    }
    if (outcome?.kind === 'valid') return report('ok', outcome.patches, null, turn);
    if (outcome?.kind === 'invalid') {
      invalid++;
      retries.invalidOutputs++;
      if (invalid >= 2) return report('failed', [], `invalid output twice: ${outcome.message}`, turn);
    }
    if (results.length) messages.push({ role: 'user', content: results });
    else messages.push({ role: 'user', content: `Your reply was invalid (${outcome?.message ?? 'no patches'}). Call final_patch with {"patches": [...]}.` });
  }
  return report('failed', [], `no valid final_patch within ${maxTurns} turns`, maxTurns);
}
