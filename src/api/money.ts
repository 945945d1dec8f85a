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
  // Beyond a million dollars nano-dollars pass 2^53: the plain decimal rounding is exact enough there.
  if (Math.abs(value) >= 1e6) return Number(value.toFixed(USD_DECIMALS)) + 0;
  // Two steps, so the same sum added up in another order shows the same figure: float noise (1e-17)
  // is first snapped away at the nano-dollar, then micro-dollars are rounded from that whole number.
  // Rounding the raw float instead turns noise at a half micro-dollar into a one micro-dollar
  // difference (0.07435649999999999 vs 0.0743565000000001 are one sum in two orders).
  const nano = Math.round(value * 1e9);
  // `+ 0` turns a rounded -0 into 0.
  return Math.round(nano / 1000) / 1e6 + 0;
}
