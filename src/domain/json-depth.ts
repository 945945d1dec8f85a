// Nesting depth of parsed JSON, measured without recursion. Hostile bodies nest arrays a million
// levels deep in a few megabytes; JSON.parse copes, but every recursive walk after it (zod,
// structuredClone, canonical JSON, JSON.stringify) overflows the stack, which used to be a 500 and,
// for a stored plugin event, a 500 on every later request of its trace (issue 13).

/** Deeper than any real tool argument, payload or attribute value. */
export const MAX_JSON_DEPTH = 64;

/** True when `value` nests objects/arrays deeper than `max` levels (stops looking at max + 1). */
export function nestedDeeperThan(value: unknown, max: number = MAX_JSON_DEPTH): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}
