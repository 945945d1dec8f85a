// What a tree row says beside its kind and tool/model, and what the tree's search box matches. The
// server's one-line snippet (the command, the path, the query, the first words of the answer);
// for a model call that answered with tool calls only, the calls it asked for.

export function spanLabel(node) {
  const span = node.span;
  if (node.kind === 'LLM') return span.model ?? node.name;
  if (node.kind === 'TOOL' || node.kind === 'SUBAGENT') return span.toolName ?? node.name;
  return node.name;
}

/** 'exec ×3, read' from the tool calls below a model call (in their order of first use). */
export function requestedCalls(node, nodes) {
  const counts = new Map();
  for (const id of node.childIds) {
    const child = nodes.get(id);
    if (!child || child.kind === 'LLM') continue;
    const name = child.span.toolName ?? child.name;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].map(([name, n]) => (n > 1 ? `${name} ×${n}` : name)).join(', ');
}

/** The row's one line: the span's snippet, or for a model call with no text the calls it made. */
export function rowSnippet(node, nodes) {
  if (node.span.snippet) return node.span.snippet;
  if (node.kind === 'LLM') {
    const calls = requestedCalls(node, nodes);
    return calls ? `→ ${calls}` : '';
  }
  return '';
}

/** Lower-cased words of a search; a row matches when its text holds every one of them. */
export function searchTerms(text) {
  return (text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
}

export function rowMatches(node, terms) {
  if (!terms.length) return true;
  const span = node.span;
  const text = [node.kind, node.name, span.model, span.toolName, span.snippet, span.status === 'ERROR' ? 'error' : '', node.id].join(' ').toLowerCase();
  return terms.every((t) => text.includes(t));
}
