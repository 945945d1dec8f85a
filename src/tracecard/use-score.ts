// Use-in-parent score of a sub-agent: did the parent do anything with what the sub-agent returned?
// A measured heuristic, labelled as such on the card, never a verdict.
//
// score = |novel ∩ later| / |novel|, where
//   novel = word tokens of the sub-agent's result that were not already in the task it was given
//           (a result that echoes its task would otherwise score high whether used or not);
//   later = word tokens of what the parent did after the spawn: later tool arguments and
//           assistant text.
// Tokens are lower-cased runs of letters/digits/underscore, at least 4 characters, minus a short
// stop-word list. Fewer than MIN_NOVEL_TOKENS novel tokens gives no score (null): too little signal.

const MIN_TOKEN_CHARS = 4;
export const MIN_NOVEL_TOKENS = 3;

const STOP_WORDS = new Set(
  (
    'this that with from have will were been there their what when which would could should into also than then ' +
    'them they these those some more most such only over just like each other about after before because while ' +
    'where here does done make made need true false null none your yours were being same very much many well ' +
    'still into onto upon within without between under above http https task result subagent'
  ).split(' '),
);

export function wordTokens(text: string | null | undefined): Set<string> {
  const out = new Set<string>();
  if (!text) return out;
  for (const match of text.toLowerCase().matchAll(/[\p{L}\p{N}_]+/gu)) {
    const token = match[0];
    if (token.length >= MIN_TOKEN_CHARS && !STOP_WORDS.has(token)) out.add(token);
  }
  return out;
}

export interface UseScoreInput {
  /** The sub-agent's answer (its last assistant text, else the spawn call's result). */
  result: string | null;
  /** What the parent gave it (the spawn call's arguments / task). */
  task: string | null;
  /** Word tokens (see wordTokens) of the parent's later tool arguments and assistant text. */
  later: Set<string>;
}

/** Rounded to 2 decimals here already: the value is a coarse heuristic, not money. */
export function useScore({ result, task, later }: UseScoreInput): number | null {
  const given = wordTokens(task);
  const novel = [...wordTokens(result)].filter((t) => !given.has(t));
  if (novel.length < MIN_NOVEL_TOKENS) return null;
  const used = novel.filter((t) => later.has(t)).length;
  return Math.round((used / novel.length) * 100) / 100;
}
