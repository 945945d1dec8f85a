// The session tree of a card: the root session, its sub-agent sessions at any depth, and how they
// hang together (which spawn call started which child), with step references `<session>#<seq>`.
import { refsFor } from './text.ts';
import type { CardInput, ScopeTotals, TreeSession } from './types.ts';

export interface Tree {
  root: TreeSession;
  byId: Map<string, TreeSession>;
  /** child session id → parent session id, from the spawn calls of the tree. */
  parentOf: Map<string, string>;
  sessionRef(id: string): string;
  stepRef(sessionId: string, seq: number): string;
}

export function buildTree(input: CardInput): Tree {
  const root = input.tree.find((s) => s.id === input.sessionId);
  if (!root) throw new Error(`TraceCard input has no row for its own session ${input.sessionId}`);
  const byId = new Map(input.tree.map((s) => [s.id, s]));
  const parentOf = new Map<string, string>();
  for (const spawn of input.spawns) {
    if (spawn.childSessionId && byId.has(spawn.childSessionId)) parentOf.set(spawn.childSessionId, spawn.sessionId);
  }
  // Steps may point outside the tree (a REPEATS edge into another session): they get refs too.
  const refs = refsFor([
    ...input.tree.map((s) => ({ id: s.id, name: s.externalId })),
    ...input.repeats.map((r) => ({ id: r.originalSessionId, name: null })),
  ]);
  const sessionRef = (id: string) => refs.get(id) ?? id;
  return { root, byId, parentOf, sessionRef, stepRef: (sessionId, seq) => `${sessionRef(sessionId)}#${seq}` };
}

/** The sessions of the subtree rooted at `id` (itself included). */
export function subtree(tree: Tree, id: string): TreeSession[] {
  const children = new Map<string, string[]>();
  for (const [child, parent] of tree.parentOf) children.set(parent, [...(children.get(parent) ?? []), child]);
  const out: TreeSession[] = [];
  const seen = new Set<string>();
  const stack = [id];
  while (stack.length) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    const session = tree.byId.get(next);
    if (session) out.push(session);
    stack.push(...(children.get(next) ?? []));
  }
  return out;
}

/** Sums the own-span aggregates of the given sessions (each session counted once). */
export function scopeTotals(sessions: TreeSession[]): ScopeTotals {
  const totals: ScopeTotals = {
    costUsd: 0,
    sessions: sessions.length,
    llmCalls: 0,
    toolCalls: 0,
    subagentCalls: 0,
    errors: 0,
    unpricedCalls: 0,
    tokens: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, reasoning: 0 },
  };
  // Summed in id order so float addition is the same whatever order the rows came in.
  for (const s of [...sessions].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const st = s.stats;
    totals.costUsd += st.costUsd;
    totals.llmCalls += st.llmCalls;
    totals.toolCalls += st.toolCalls;
    totals.subagentCalls += st.subagentCalls;
    totals.errors += st.errors;
    totals.unpricedCalls += st.unpricedCalls;
    totals.tokens.input += st.inputTokens;
    totals.tokens.output += st.outputTokens;
    totals.tokens.cacheRead += st.cacheReadTokens;
    totals.tokens.cacheWrite += st.cacheWriteTokens;
    totals.tokens.reasoning += st.reasoningTokens;
  }
  return totals;
}
