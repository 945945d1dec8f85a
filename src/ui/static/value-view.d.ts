// Types of value-view.js's pure helpers for the TypeScript tests (the browser loads the .js as it is).
export const FOLD_LINES: number;
export const FOLD_CHARS: number;
export function foldPoint(text: string): number | null;
export function reindent(text: string): string;
export function prettyText(text: string | null): string | null;
