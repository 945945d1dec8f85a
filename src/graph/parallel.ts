// Chunked work over a list, a fixed number of transactions at a time. The machines this runs on
// have two cores: two concurrent transactions keep Neo4j busy while the driver waits on one.
export const WRITERS = 2;

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Runs `work` on each chunk of `items`, `workers` chunks at a time. Callers chunk by session or
 * session tree, so concurrent transactions touch disjoint nodes (a deadlock at a border is
 * retried by the managed transaction).
 */
export async function forEachChunk<T>(items: readonly T[], size: number, work: (chunk: T[]) => Promise<unknown>, workers = WRITERS): Promise<void> {
  const pending = chunks(items, size);
  const worker = async () => {
    for (let chunk = pending.shift(); chunk; chunk = pending.shift()) await work(chunk);
  };
  await Promise.all(Array.from({ length: Math.min(workers, pending.length) }, worker));
}
