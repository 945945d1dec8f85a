// Types of lower-bound.js for the TypeScript tests (the browser loads the .js as it is).
export interface LowerBoundSession {
  totalCostUsd: number;
  inclusiveIsLowerBound: boolean;
  missingSubagents: number;
}
export function missingText(missing: number): string;
export function inclusiveUsd(session: LowerBoundSession): string;
export function lowerBoundHint(session: LowerBoundSession): string | null;
