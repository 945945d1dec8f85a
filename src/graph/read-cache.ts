// A small cache for reads that are expensive to compute and cannot change while the database does
// not: a session's call tree with inclusive costs, its TraceCard. Each entry remembers the database
// version it was computed at (the last committed transaction, Graph.dataVersion) and is served
// only while that version is still current, so any write — an ingest, a finalisation, an outcome,
// by this engine process or another one on the same Neo4j — makes it stale. Concurrent requests for
// the same key share one computation, so a burst of clients asking for one large tree costs one
// query, not sixteen.
//
// Bounded by entry count (least recently used out): entries are whole pages of up to 1,000 spans,
// and resident memory is a product figure here (README "Footprint").
import type { Graph } from './driver.ts';

export class ReadCache {
  private readonly entries = new Map<string, { version: string; value: Promise<unknown> }>();

  constructor(private readonly maxEntries = 32) {}

  /**
   * The value for `key` computed at `version`, computing it when missing or older. The version must
   * be read before computing: a write that lands during the computation then changes the version
   * seen by the next request, which computes again (never serves a value older than its version).
   */
  get<T>(version: string, key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.version === version) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value as Promise<T>;
    }
    const value = compute();
    this.entries.set(key, { version, value });
    // A failed computation is not remembered: the next request tries again.
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}

const caches = new WeakMap<Graph, ReadCache>();

/** The cache of reads on `graph`, one per connection (so per engine process, shared by requests). */
export function readCacheOf(graph: Graph): ReadCache {
  let cache = caches.get(graph);
  if (!cache) caches.set(graph, (cache = new ReadCache()));
  return cache;
}
