// Money leaves the API rounded to micro-dollars (6 decimals). Costs are stored and summed as float
// USD (DESIGN §10), and float sums carry binary noise (31.534714950000044 for 31.534715): rounding
// here, at presentation only (GraphQL money fields, exports), keeps every stored value and every sum
// as computed, and shows a notebook or spreadsheet the figure a person would write.

export const USD_DECIMALS = 6;

/** A USD amount as presented: the nearest micro-dollar; null and non-finite values as they are. */
export function presentUsd(value: number): number;
export function presentUsd(value: number | null): number | null;
export function presentUsd(value: number | null): number | null {
  if (value === null || !Number.isFinite(value)) return value;
  // toFixed rounds the exact binary value in decimal, so 0.1 + 0.2 gives 0.3, not 0.30000000000000004;
  // `+ 0` turns a rounded -0 into 0.
  return Number(value.toFixed(USD_DECIMALS)) + 0;
}
