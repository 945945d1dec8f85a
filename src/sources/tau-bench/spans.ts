// One τ-bench trial → spans. Each assistant message is one model API call (an LLM span); each of
// its tool calls is a TOOL span (its CALLED child) carrying the arguments and the tool message that
// answered it. User turns come from τ-bench's simulated user and are not spans of the agent.
import { parseArgs, isRecord } from '../../domain/canonical/canonical-json.ts';
import type { SpanRecord, Usage } from '../../domain/model.ts';
import type { MadeCall } from './oracle.ts';
import type { TauMessage } from './schema.ts';

/** Counts tokens of a text with a real tokenizer (the agent model's encoding). */
export type TokenCounter = (text: string) => number;

export const TAU_MODEL = 'gpt-4o';
export const TAU_PROVIDER = 'openai';

export interface TrialSpans {
  spans: SpanRecord[];
  calls: MadeCall[];
  /** Every assistant text, in order: what the user was told (checked for expected outputs). */
  answerText: string;
}

/** τ-bench tools report failures as a result string starting with "Error:". */
const isErrorResult = (content: string | null | undefined): boolean => /^error\b/i.test((content ?? '').trim());

function messageText(m: TauMessage): string {
  const calls = (m.tool_calls ?? []).map((c) => `${c.function.name}(${c.function.arguments})`).join('\n');
  return [m.content ?? '', calls].filter(Boolean).join('\n');
}

/**
 * Token usage of one assistant turn, estimated: the whole conversation so far is the input (chat
 * APIs resend it every call) and the message itself is the output. Only with a real tokenizer.
 */
function estimateUsage(history: TauMessage[], message: TauMessage, count: TokenCounter): Usage {
  const input = history.reduce((n, m) => n + count(messageText(m)), 0);
  return { input, output: count(messageText(message)), cacheRead: 0, cacheWrite: 0, cacheWrite1h: 0, reasoning: 0 };
}

/** The tool messages answering an assistant message: the ones right after it, matched by call id. */
function answersOf(traj: TauMessage[], index: number): TauMessage[] {
  const out: TauMessage[] = [];
  for (let i = index + 1; i < traj.length && traj[i]!.role === 'tool'; i++) out.push(traj[i]!);
  return out;
}

export function trialSpans(sessionId: string, traj: TauMessage[], countTokens?: TokenCounter): TrialSpans {
  const spans: SpanRecord[] = [];
  const calls: MadeCall[] = [];
  const texts: string[] = [];
  let seq = 0;
  traj.forEach((message, index) => {
    if (message.role !== 'assistant') return;
    const llmId = `${sessionId}:m${index}`;
    const text = message.content ?? '';
    if (text) texts.push(text);
    spans.push({
      id: llmId,
      sessionId,
      kind: 'LLM',
      name: TAU_MODEL,
      seq: seq++,
      model: TAU_MODEL,
      provider: TAU_PROVIDER,
      // Without a tokenizer the file has no usage at all: leave it null (unpriced), never guess.
      usage: countTokens ? estimateUsage(traj.slice(0, index), message, countTokens) : null,
      ...(text ? { result: text, textPreview: text } : {}),
      attributes: {
        messageIndex: index,
        toolCalls: message.tool_calls?.length ?? 0,
        usageEstimated: Boolean(countTokens),
      },
    });
    // Call ids repeat within a τ-bench trajectory (the simulator reuses them), so answers are
    // matched among the tool messages that directly follow this assistant message only.
    const answers = answersOf(traj, index);
    (message.tool_calls ?? []).forEach((call, j) => {
      const answer = answers.find((a) => a.tool_call_id === call.id && a.name === call.function.name) ?? answers[j];
      const args = parseArgs(call.function.arguments);
      const failed = isErrorResult(answer?.content);
      const id = `${llmId}:c${j}`;
      spans.push({
        id,
        sessionId,
        parentId: llmId,
        kind: 'TOOL',
        name: call.function.name,
        seq: seq++,
        toolName: call.function.name,
        toolCallId: call.id,
        args,
        ...(answer?.content !== undefined && answer?.content !== null ? { result: answer.content } : {}),
        status: failed ? 'error' : 'ok',
        errorMessage: failed ? (answer?.content ?? null) : null,
      });
      calls.push({ spanId: id, name: call.function.name, args: isRecord(args) ? args : {}, failed });
    });
  });
  return { spans, calls, answerText: texts.join('\n') };
}
