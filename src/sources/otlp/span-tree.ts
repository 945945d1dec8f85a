// The call tree of one request's spans: parent links (dangling and cyclic ones cut), depth, and
// which LLM spans wrap other LLM spans.
import type { ParsedSpan } from './parse-span.ts';
import { otelSpanId } from './ids.ts';

export interface TreeInfo {
  /** Parent span id within this request, or null. */
  parentId: Map<string, string | null>;
  /** The parent this span names but which is not in the request (may still arrive later). */
  danglingParent: Map<string, string>;
  /** A parent link cut because it closed a cycle (malformed input). */
  cycleParent: Map<string, string>;
  depth: Map<string, number>;
  /** LLM spans with an LLM descendant: wrappers of the real API call, not calls themselves. */
  llmWrappers: Set<string>;
}

export function buildTree(spans: readonly ParsedSpan[]): TreeInfo {
  const present = new Set(spans.map((s) => s.id));
  const parentId = new Map<string, string | null>();
  const danglingParent = new Map<string, string>();
  const cycleParent = new Map<string, string>();
  for (const span of spans) {
    const parent = span.parentHex === null ? null : otelSpanId(span.traceHex, span.parentHex);
    if (parent !== null && !present.has(parent)) danglingParent.set(span.id, parent);
    parentId.set(span.id, parent !== null && present.has(parent) ? parent : null);
  }
  // Cut cycles (A→B→A, or a span naming itself): walk up from each span; the link that closes the
  // loop is removed. Nodes already walked are known to reach a root, so each is visited once, and
  // request order makes the choice deterministic.
  const settled = new Set<string>();
  for (const span of spans) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let current: string | null = span.id;
    while (current !== null && !settled.has(current)) {
      if (onPath.has(current)) {
        const last = path[path.length - 1]!;
        cycleParent.set(last, current);
        parentId.set(last, null);
        break;
      }
      onPath.add(current);
      path.push(current);
      current = parentId.get(current) ?? null;
    }
    for (const id of path) settled.add(id);
  }
  // Depth, memoised along each walk so deep chains stay linear.
  const depth = new Map<string, number>();
  for (const span of spans) {
    const path: string[] = [];
    let current: string | null = span.id;
    while (current !== null && !depth.has(current)) {
      path.push(current);
      current = parentId.get(current) ?? null;
    }
    let d = current === null ? -1 : depth.get(current)!;
    for (let i = path.length - 1; i >= 0; i -= 1) depth.set(path[i]!, (d += 1));
  }
  // Ancestors of LLM spans; an ancestor already marked has had its own ancestors marked too.
  const llm = new Set(spans.filter((s) => s.classification.kind === 'LLM').map((s) => s.id));
  const aboveLlm = new Set<string>();
  for (const id of llm) {
    for (let p = parentId.get(id) ?? null; p !== null && !aboveLlm.has(p); p = parentId.get(p) ?? null) aboveLlm.add(p);
  }
  const llmWrappers = new Set([...llm].filter((id) => aboveLlm.has(id)));
  return { parentId, danglingParent, cycleParent, depth, llmWrappers };
}
