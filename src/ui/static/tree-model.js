// The execution tree of a session as the explorer holds it: SpanTreeNodes from one or more sessions
// (the session itself, plus sub-agent sessions the user expanded in place), what is collapsed, and
// the flat list of visible rows in pre-order that the virtualised view draws. Pure (no DOM, no
// React), so it stays fast with 10,000 spans: flattening is one pass over the visible nodes.

export class TreeStore {
  constructor(rootSessionId) {
    this.rootSessionId = rootSessionId;
    /** id → SpanTreeNode plus `sessionId` (which session's tree it came from). */
    this.nodes = new Map();
    /** sessionId → node ids in span order. */
    this.bySession = new Map();
    /** sessionId → { loaded, total, done, error } */
    this.loading = new Map();
    /** Ordinary nodes are open unless collapsed; sub-agent spawns are closed until opened. */
    this.collapsed = new Set();
    this.openSpawns = new Set();
    /** spawned session id → the spawn span that hosts it in this tree. */
    this.hostOf = new Map();
  }

  addPage(sessionId, nodes) {
    let ids = this.bySession.get(sessionId);
    if (!ids) this.bySession.set(sessionId, (ids = []));
    for (const node of nodes) {
      if (this.nodes.has(node.id)) continue;
      this.nodes.set(node.id, { ...node, sessionId });
      ids.push(node.id);
      if (node.spawnedSessionId) this.hostOf.set(node.spawnedSessionId, node.id);
    }
  }

  /** A session's top nodes: no parent, or a parent not (yet) loaded. */
  rootsOf(sessionId) {
    return (this.bySession.get(sessionId) ?? []).filter((id) => {
      const parentId = this.nodes.get(id).parentId;
      return !parentId || !this.nodes.has(parentId);
    });
  }

  hasChildren(node) {
    return node.childIds.length > 0 || Boolean(node.spawnedSessionId);
  }

  isOpen(node) {
    return node.spawnedSessionId ? this.openSpawns.has(node.id) : !this.collapsed.has(node.id);
  }

  /** Children in order: the span's own CALLED children, then (when opened) the spawned session's roots. */
  childrenOf(node) {
    const own = node.childIds.filter((id) => this.nodes.has(id));
    if (node.spawnedSessionId && this.bySession.has(node.spawnedSessionId)) return own.concat(this.rootsOf(node.spawnedSessionId));
    return own;
  }

  /** Opens or closes a node; returns the session to load when a sub-agent is opened for the first time. */
  toggle(id, open) {
    const node = this.nodes.get(id);
    if (!node) return null;
    const next = open ?? !this.isOpen(node);
    if (node.spawnedSessionId) {
      if (next) this.openSpawns.add(id);
      else this.openSpawns.delete(id);
      return next && !this.loading.has(node.spawnedSessionId) ? node.spawnedSessionId : null;
    }
    if (next) this.collapsed.delete(id);
    else this.collapsed.add(id);
    return null;
  }

  /** Opens every ancestor of `id` (through sub-agent spawns too) so the row is visible. */
  reveal(id) {
    let node = this.nodes.get(id);
    const seen = new Set();
    while (node && !seen.has(node.id)) {
      seen.add(node.id);
      const parentId = node.parentId && this.nodes.has(node.parentId) ? node.parentId : this.hostOf.get(node.sessionId);
      if (!parentId) break;
      const parent = this.nodes.get(parentId);
      if (!parent) break;
      if (parent.spawnedSessionId) this.openSpawns.add(parentId);
      else this.collapsed.delete(parentId);
      node = parent;
    }
  }

  /** Visible rows in pre-order: { id, node, depth, hasChildren, open }. */
  rows() {
    const out = [];
    const stack = this.rootsOf(this.rootSessionId)
      .reverse()
      .map((id) => ({ id, depth: 0 }));
    const seen = new Set();
    while (stack.length) {
      const { id, depth } = stack.pop();
      if (seen.has(id)) continue;
      seen.add(id);
      const node = this.nodes.get(id);
      const hasChildren = this.hasChildren(node);
      const open = hasChildren && this.isOpen(node);
      out.push({ id, node, depth, hasChildren, open });
      if (!open) continue;
      const children = this.childrenOf(node);
      for (let i = children.length - 1; i >= 0; i--) stack.push({ id: children[i], depth: depth + 1 });
    }
    return out;
  }

  /** The row's parent in this tree: its CALLED parent, or for a sub-agent session's top span the spawn hosting it. */
  parentOf(node) {
    if (node.parentId && this.nodes.has(node.parentId)) return this.nodes.get(node.parentId);
    // Not under a loaded span: a top span of its session, hosted by the spawn that started it.
    const host = this.hostOf.get(node.sessionId);
    return host ? (this.nodes.get(host) ?? null) : null;
  }

  /**
   * Rows of a search: every loaded span `matches(node)` accepts, with its ancestors (so each hit is
   * seen where it sits), in pre-order, whatever is collapsed. Loaded sub-agent sessions included.
   * { rows, matched: Set of the ids that matched }.
   */
  matchingRows(matches) {
    const matched = new Set();
    const keep = new Set();
    for (const node of this.nodes.values()) {
      if (!matches(node)) continue;
      matched.add(node.id);
      for (let n = node; n && !keep.has(n.id); n = this.parentOf(n)) keep.add(n.id);
    }
    const rows = [];
    const stack = this.rootsOf(this.rootSessionId)
      .filter((id) => keep.has(id))
      .reverse()
      .map((id) => ({ id, depth: 0 }));
    const seen = new Set();
    while (stack.length) {
      const { id, depth } = stack.pop();
      if (seen.has(id)) continue;
      seen.add(id);
      const node = this.nodes.get(id);
      const children = this.childrenOfLoaded(node).filter((c) => keep.has(c));
      rows.push({ id, node, depth, hasChildren: children.length > 0, open: children.length > 0, match: matched.has(id) });
      for (let i = children.length - 1; i >= 0; i--) stack.push({ id: children[i], depth: depth + 1 });
    }
    return { rows, matched };
  }

  /** Children whatever is open: own CALLED children, then a loaded spawned session's top spans. */
  childrenOfLoaded(node) {
    const own = node.childIds.filter((id) => this.nodes.has(id));
    return node.spawnedSessionId && this.bySession.has(node.spawnedSessionId) ? own.concat(this.rootsOf(node.spawnedSessionId)) : own;
  }

  /** [start, end] in ms over the loaded nodes, for the Gantt scale. */
  timeRange() {
    let start = Infinity;
    let end = -Infinity;
    for (const node of this.nodes.values()) {
      const t = node.span.startedAt ? Date.parse(node.span.startedAt) : NaN;
      if (Number.isNaN(t)) continue;
      start = Math.min(start, t);
      end = Math.max(end, t + (node.span.durationMs ?? 0));
    }
    return Number.isFinite(start) ? [start, Math.max(end, start + 1)] : null;
  }
}
