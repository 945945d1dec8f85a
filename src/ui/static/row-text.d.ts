// Types of row-text.js for the TypeScript tests (the browser loads the .js as it is).
import type { TreeNode } from './tree-model.js';
export function spanLabel(node: TreeNode): string;
export function requestedCalls(node: TreeNode, nodes: Map<string, TreeNode>): string;
export function rowSnippet(node: TreeNode, nodes: Map<string, TreeNode>): string;
export function searchTerms(text: string | null | undefined): string[];
export function rowMatches(node: TreeNode, terms: string[]): boolean;
