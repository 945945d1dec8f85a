// Splits a recorded total over parts in proportion to weights, in whole units, so the parts add up
// to the total exactly (largest-remainder method; ties go to the earlier part). Used where a source
// records only a total (SWE-agent's model_stats) but the model has one span per call.

export function apportion(total: number, weights: readonly number[]): number[] {
  if (!weights.length) return [];
  const sum = weights.reduce((a, b) => a + b, 0);
  // Without usable weights, equal shares.
  const shares = sum > 0 ? weights.map((w) => (total * w) / sum) : weights.map(() => total / weights.length);
  const parts = shares.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = shares.map((s, i) => [s - Math.floor(s), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left -= 1) parts[order[k]![1]]! += 1;
  return parts;
}
