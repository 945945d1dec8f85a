// A session's outcome from its own evidence when nobody recorded one (DESIGN §7). Real sessions
// arrive without a reward; CostCraft still needs to tell what worked from what failed. Each
// inference is labelled `inferred`, carries the evidence it rests on and a confidence, and a
// recorded outcome always takes precedence (the queries read the recorded one first).
//
// Signals, strongest first:
//   session_failed         the source marked the session failed (an OTLP root span in error);
//   final_llm_error        the last model call ended in error or was aborted;
//   no_closing_message     the session ends on a tool call the agent never reported on;
//   closing_message        the agent's last words: "Completed ✅ …" vs "Blocked …", "failed";
//   unrecovered_failure    a tool call failed and no later call of that tool succeeded.
// Not seen here: a user's correction right after the session (user turns are not spans).

export type InferredResult = 'success' | 'failure';

export interface OutcomeEvidence {
  kind: 'session_failed' | 'final_llm_error' | 'no_closing_message' | 'closing_message' | 'unrecovered_failure';
  spanId: string | null;
  /** The tool of that span, when it is a tool call (repairs group by it). */
  toolName: string | null;
  /** What was seen, quoted or summarised (short). */
  detail: string;
}

export interface InferredOutcome {
  result: InferredResult;
  confidence: number;
  evidence: OutcomeEvidence[];
}

export interface LastLlmFacts {
  spanId: string;
  status: string | null;
  stopReason: string | null;
  text: string | null;
  error: string | null;
}

export interface OutcomeFacts {
  sessionStatus: string | null;
  lastLlm: LastLlmFacts | null;
  /** The last step of the session (any kind), to see whether it ended on a tool call. */
  lastStep: { spanId: string; kind: string; toolName: string | null } | null;
  unrecovered: Array<{ spanId: string; toolName: string | null; error: string | null }>;
}

const ASKED_FOR_TOOL = new Set(['tooluse', 'tool_use', 'tool_calls', 'toolcalls', 'function_call']);
const FAILED_STOP = new Set(['error', 'aborted', 'cancelled', 'canceled']);
const FAILURE_WORDS =
  /\b(blocked|failed|failing|failure|unable to|could not|couldn't|cannot|can't|not able to|gave up|giving up|incomplete|did not finish|didn't finish)\b|❌/i;
const SUCCESS_WORDS =
  /\b(done|complete|completed|finished|resolved|fixed|merged|pushed|succeeded|successfully|all (?:tests|checks) pass(?:ed)?)\b|✅/i;
/** Only the opening of a closing message states the verdict; the rest lists details. */
const VERDICT_CHARS = 160;
/** OpenClaw's token for "nothing to say to the user". */
const SILENT_REPLIES = new Set(['NO_REPLY', 'HEARTBEAT_OK']);

/** Cuts at a word boundary, never mid-word. */
export function quote(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`;
}

function closingVerdict(text: string): { result: InferredResult; mixed: boolean } | null {
  const head = text.slice(0, VERDICT_CHARS);
  const failure = FAILURE_WORDS.exec(head);
  const success = SUCCESS_WORDS.exec(head);
  if (!failure && !success) return null;
  if (failure && success) return { result: failure.index <= success.index ? 'failure' : 'success', mixed: true };
  return { result: failure ? 'failure' : 'success', mixed: false };
}

export function inferOutcome(facts: OutcomeFacts): InferredOutcome | null {
  if (facts.sessionStatus === 'open') return null; // still running: nothing to judge yet
  const unrecovered: OutcomeEvidence[] = facts.unrecovered.map((u) => ({
    kind: 'unrecovered_failure',
    spanId: u.spanId,
    toolName: u.toolName,
    detail: `${u.toolName ?? 'tool'} failed${u.error ? `: ${quote(u.error, 80)}` : ''} and no later ${u.toolName ?? 'tool'} call succeeded`,
  }));
  if (facts.sessionStatus === 'failed') {
    return { result: 'failure', confidence: 0.8, evidence: [{ kind: 'session_failed', spanId: null, toolName: null, detail: 'the source marked the session failed' }, ...unrecovered] };
  }
  const llm = facts.lastLlm;
  const stop = llm?.stopReason?.toLowerCase() ?? null;
  if (llm && (llm.status === 'error' || (stop !== null && FAILED_STOP.has(stop)))) {
    const why = llm.error ? quote(llm.error, 100) : `stopReason ${llm.stopReason ?? 'error'}`;
    return { result: 'failure', confidence: 0.8, evidence: [{ kind: 'final_llm_error', spanId: llm.spanId, toolName: null, detail: `the last model call ended in error: ${why}` }, ...unrecovered] };
  }
  const endedOnTool = facts.lastStep !== null && facts.lastStep.kind === 'TOOL' && (llm === null || stop === null || ASKED_FOR_TOOL.has(stop));
  if (endedOnTool || (llm && stop !== null && ASKED_FOR_TOOL.has(stop))) {
    const spanId = facts.lastStep?.spanId ?? llm?.spanId ?? null;
    const toolName = facts.lastStep?.kind === 'TOOL' ? facts.lastStep.toolName : null;
    const detail = `the session ends on a call of ${toolName ?? 'a tool'} with no closing message from the agent`;
    return { result: 'failure', confidence: 0.6, evidence: [{ kind: 'no_closing_message', spanId, toolName, detail }, ...unrecovered] };
  }
  const text = llm?.text?.replace(/^\s*\[thinking\][^\n]*\n?/, '').trim() ?? '';
  const verdict = text && !SILENT_REPLIES.has(text) ? closingVerdict(text) : null;
  if (verdict && llm) {
    const closing: OutcomeEvidence = { kind: 'closing_message', spanId: llm.spanId, toolName: null, detail: `the agent's closing message: "${quote(text)}"` };
    // A claimed success with failures nobody fixed is less certain; a stated failure is not.
    const doubt = verdict.result === 'success' && unrecovered.length > 0;
    const confidence = verdict.mixed ? 0.5 : doubt ? 0.5 : verdict.result === 'success' ? 0.7 : 0.65;
    return { result: verdict.result, confidence, evidence: [closing, ...unrecovered] };
  }
  // No verdict from the agent: failures it never got past are the only evidence, and weak.
  if (unrecovered.length > 0) return { result: 'failure', confidence: 0.4, evidence: unrecovered };
  return null;
}
