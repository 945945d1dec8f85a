// Was a step's output used downstream? A measured heuristic (DESIGN §7), never a verdict:
//
//   score = |novel ∩ later| / |novel|
//   novel = value tokens of the step's result that the agent did not already have: not in the
//           call's own arguments and not anywhere earlier in the session (arguments, results, text)
//   later = value tokens of what the agent did afterwards: later call arguments and assistant text
//           (not later tool results: the environment echoing a value is not the agent using it)
//
// A step whose result decides the next step (a poll, a status check, a test run: decides-next.ts)
// is used by definition: score 1, whatever the overlap. A spawn whose result only acknowledges an
// asynchronous sub-agent (OpenClaw's `{"status": "accepted", "childSessionKey": …}`: the answer
// arrives later as a message, not as this result) has nothing to measure: no score.
//
// Tokens are lower-cased runs (JSON keys of results removed) of letters/digits/underscore: at least 4 characters, or at least 2
// when they contain a digit (ids, prices, dates: "255", "hat136"), minus a stop-word list and JSON
// keywords. No novel token at all → null (nothing to use: an empty or echoing result). The graph
// keeps previews of results and text (truncated), so the score is computed over those previews.

export const MIN_NOVEL = 1;

const STOP_WORDS = new Set(
  (
    'this that with from have will were been there their what when which would could should into also than then ' +
    'them they these those some more most such only over just like each other about after before because while ' +
    'where here does done make made need true false null none your yours being same very much many well still ' +
    'onto upon within without between under above http https chars'
  ).split(' '),
);

export function valueTokens(text: string | null | undefined): Set<string> {
  const out = new Set<string>();
  if (!text) return out;
  for (const match of text.toLowerCase().matchAll(/[\p{L}\p{N}_]+/gu)) {
    const token = match[0];
    const hasDigit = /\d/.test(token);
    if ((hasDigit ? token.length >= 2 : token.length >= 4) && !STOP_WORDS.has(token)) out.add(token);
  }
  return out;
}

/**
 * Value tokens of a result: JSON keys (`"payment_methods":`) are structure, not information, so
 * they are removed first; this also works on truncated JSON previews, which do not parse.
 */
export function resultTokens(text: string | null | undefined): Set<string> {
  return valueTokens(text ? text.replace(/"(?:[^"\\]|\\.){1,80}"\s*:/g, ' ') : text);
}

/** An asynchronous spawn's acknowledgement: accepted, with the child's key, and no answer in it. */
export function isSpawnAcknowledgement(result: string | null | undefined): boolean {
  return !!result && /"status"\s*:\s*"accepted"/.test(result) && /"(childSessionKey|runId)"\s*:/.test(result);
}

export interface StepText {
  id: string;
  kind: string;
  args: string | null;
  result: string | null;
  /** Assistant text (LLM steps). */
  text: string | null;
  /** The result decides the next step (a poll, a status check, a test run): used. */
  decidesNext?: boolean;
}

export interface OutputUse {
  id: string;
  score: number | null;
  novelTokens: number;
}

/** Scores every TOOL and SUBAGENT step of one session (steps in session order). */
export function scoreOutputUse(steps: StepText[]): OutputUse[] {
  const out: OutputUse[] = [];
  const seenBefore = new Set<string>();
  // Suffix unions of what the agent did later, built backwards once: O(total tokens).
  const laterFrom: Array<Set<string>> = new Array(steps.length + 1);
  laterFrom[steps.length] = new Set();
  for (let i = steps.length - 1; i >= 0; i--) {
    const s = steps[i]!;
    const next = new Set(laterFrom[i + 1]);
    for (const t of valueTokens(s.args)) next.add(t);
    if (s.kind === 'LLM') for (const t of valueTokens(s.text ?? s.result)) next.add(t);
    laterFrom[i] = next;
  }
  steps.forEach((step, i) => {
    const own = valueTokens(step.args);
    if (step.kind === 'TOOL' || step.kind === 'SUBAGENT') {
      const novel = [...resultTokens(step.result)].filter((t) => !own.has(t) && !seenBefore.has(t));
      if (step.decidesNext) out.push({ id: step.id, score: 1, novelTokens: novel.length });
      else if (step.kind === 'SUBAGENT' && isSpawnAcknowledgement(step.result)) out.push({ id: step.id, score: null, novelTokens: 0 });
      else if (novel.length < MIN_NOVEL) out.push({ id: step.id, score: null, novelTokens: novel.length });
      else {
        const later = laterFrom[i + 1]!;
        const used = novel.filter((t) => later.has(t)).length;
        out.push({ id: step.id, score: Math.round((used / novel.length) * 100) / 100, novelTokens: novel.length });
      }
    }
    for (const t of own) seenBefore.add(t);
    for (const t of valueTokens(step.result)) seenBefore.add(t);
    for (const t of valueTokens(step.text)) seenBefore.add(t);
  });
  return out;
}
