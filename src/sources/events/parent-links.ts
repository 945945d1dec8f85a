// Parent links between assembled spans: a parent that is not among them (it may arrive in a later
// request) is cut but remembered as `danglingParent`; a link closing a cycle (malformed input) is cut
// and remembered as `parentCycle`, so the call tree the writer gets is always a forest.
export interface ParentLinks {
  parentId: Map<string, string | null>;
  dangling: Map<string, string>;
  cycles: Map<string, string>;
}

/** `wanted` maps span id → the parent id it names (or null), in a deterministic order. */
export function resolveParents(wanted: ReadonlyMap<string, string | null>): ParentLinks {
  const parentId = new Map<string, string | null>();
  const dangling = new Map<string, string>();
  const cycles = new Map<string, string>();
  for (const [id, parent] of wanted) {
    if (parent !== null && !wanted.has(parent)) dangling.set(id, parent);
    parentId.set(id, parent !== null && wanted.has(parent) ? parent : null);
  }
  const settled = new Set<string>();
  for (const id of wanted.keys()) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let current: string | null = id;
    while (current !== null && !settled.has(current)) {
      if (onPath.has(current)) {
        const last = path[path.length - 1]!;
        cycles.set(last, current);
        parentId.set(last, null);
        break;
      }
      onPath.add(current);
      path.push(current);
      current = parentId.get(current) ?? null;
    }
    for (const p of path) settled.add(p);
  }
  return { parentId, dangling, cycles };
}
