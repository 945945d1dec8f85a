// Types of tree-model.js for the TypeScript tests (the browser loads the .js as it is).
export interface TreeNode {
  id: string;
  parentId: string | null;
  childIds: string[];
  spawnedSessionId: string | null;
  kind: string;
  name: string;
  ownCostUsd: number | null;
  inclusiveCostUsd: number;
  unpricedDescendants: number;
  span: { seq: number; startedAt: string | null; durationMs: number | null; [field: string]: unknown };
}
export interface Row {
  id: string;
  node: TreeNode & { sessionId: string };
  depth: number;
  hasChildren: boolean;
  open: boolean;
}
export class TreeStore {
  constructor(rootSessionId: string);
  readonly rootSessionId: string;
  readonly nodes: Map<string, TreeNode & { sessionId: string }>;
  readonly loading: Map<string, { loaded: number; total: number | null; done: boolean; error: unknown }>;
  addPage(sessionId: string, nodes: TreeNode[]): void;
  rootsOf(sessionId: string): string[];
  toggle(id: string, open?: boolean): string | null;
  reveal(id: string): void;
  rows(): Row[];
  parentOf(node: TreeNode & { sessionId: string }): (TreeNode & { sessionId: string }) | null;
  matchingRows(matches: (node: TreeNode & { sessionId: string }) => boolean): { rows: Array<Row & { match: boolean }>; matched: Set<string> };
  timeRange(): [number, number] | null;
}
