// Step signature = tool + argument shape (DESIGN §7 cross-trajectory evidence): `search(query)`,
// `get_reservation_details(reservation_id)`. Two calls with the same signature are "the same kind
// of step" across sessions even when their values differ. Keys are read from the canonical JSON
// text stored on the span, which may be truncated: a small scanner takes the top-level keys of
// whatever prefix is there.

/** Top-level keys of a JSON object text, in order, tolerant of truncation. */
export function topLevelKeys(json: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  let i = 0;
  let expectKey = false;
  while (i < json.length) {
    const c = json[i]!;
    if (c === '"') {
      const end = stringEnd(json, i);
      if (depth === 1 && expectKey) {
        try {
          keys.push(JSON.parse(json.slice(i, end + 1)) as string);
        } catch {
          break;
        }
        expectKey = false;
      }
      i = end + 1;
      continue;
    }
    if (c === '{' || c === '[') {
      depth++;
      if (depth === 1 && c === '{') expectKey = true;
    } else if (c === '}' || c === ']') depth--;
    else if (c === ',' && depth === 1) expectKey = true;
    i++;
  }
  return keys;
}

function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === '\\') i += 2;
    else if (text[i] === '"') return i;
    else i++;
  }
  return text.length;
}

/** The signature of a tool or spawn step; null for steps that are not calls. */
export function stepSignature(kind: string, toolName: string | null, argsCanonical: string | null): string | null {
  if (kind !== 'TOOL' && kind !== 'SUBAGENT') return null;
  const tool = toolName ?? 'tool';
  if (!argsCanonical || !argsCanonical.trimStart().startsWith('{')) return `${tool}()`;
  return `${tool}(${[...new Set(topLevelKeys(argsCanonical))].sort().join(',')})`;
}
