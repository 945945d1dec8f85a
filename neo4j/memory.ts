// How much memory the embedded Neo4j gets: sized on every start from the store it holds and the
// machine, within bounds, so a small local store keeps a small process and a large one gets a
// large cache. NEO4J_HEAP / NEO4J_PAGECACHE (e.g. `512m`, `4g`) override the computed values.
//
// Why these rules (README "Footprint" has the measured figures):
// - The page cache maps store files. Neo4j allocates it lazily, page by page, so the size is a
//   ceiling, not a reservation; it is set to the store plus room to grow until the next start.
//   Pages that do not fit are read through the OS file cache, which the kernel can reclaim.
// - The heap holds transaction state and query working memory, not the data. It starts small and
//   grows under load up to its maximum; the JVM flags (config.ts) hand unused heap back when idle.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Neo4jMemory {
  /** Heap the JVM starts with (-Xms). */
  heapInitial: string;
  /** Heap the JVM may grow to (-Xmx). */
  heapMax: string;
  /** Page cache ceiling for the store files. */
  pageCache: string;
}

const MiB = 2 ** 20;
const GiB = 2 ** 30;

/** The documented bounds (README "Footprint"). */
export const BOUNDS = {
  heapInitial: 128 * MiB,
  heapMin: 512 * MiB,
  /** Never more than this, nor an eighth of the machine. */
  heapMax: 2 * GiB,
  pageCacheMin: 128 * MiB,
  /** Never more than this, nor a quarter of the machine. */
  pageCacheMax: 4 * GiB,
} as const;

const clamp = (n: number, min: number, max: number) => Math.min(Math.max(n, min), max);
/** JVM and Neo4j take sizes like `640m`: whole mebibytes, rounded up to 16 MiB. */
const megs = (bytes: number) => `${Math.ceil(bytes / (16 * MiB)) * 16}m`;

/**
 * Heap max: 512 MiB plus half the store (large stores run larger queries), at most min(2 GiB,
 * RAM/8). Page cache: the store plus a quarter and 64 MiB of room to grow, at least 128 MiB, at
 * most min(4 GiB, RAM/4). The heap starts at 128 MiB (or the max, when that is smaller).
 */
export function memoryForStore(storeBytes: number, totalMemory = os.totalmem()): Neo4jMemory {
  const heapMax = clamp(BOUNDS.heapMin + storeBytes / 2, BOUNDS.heapMin, Math.max(BOUNDS.heapMin, Math.min(BOUNDS.heapMax, totalMemory / 8)));
  const pageCache = clamp(storeBytes * 1.25 + 64 * MiB, BOUNDS.pageCacheMin, Math.max(BOUNDS.pageCacheMin, Math.min(BOUNDS.pageCacheMax, totalMemory / 4)));
  return { heapInitial: megs(Math.min(BOUNDS.heapInitial, heapMax)), heapMax: megs(heapMax), pageCache: megs(pageCache) };
}

/** Bytes of the store files under a server home (every database; transaction logs excluded). */
export function storeBytes(home: string): number {
  const sum = (dir: string): number => {
    if (!fs.existsSync(dir)) return 0;
    let total = 0;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) total += sum(full);
      else if (entry.isFile()) total += fs.statSync(full).size;
    }
    return total;
  };
  return sum(path.join(home, 'data', 'databases'));
}

/**
 * The memory of a server whose home is `home`: computed from its store, with NEO4J_HEAP (a fixed
 * heap: initial = max) and NEO4J_PAGECACHE taking precedence.
 */
export function serverMemory(home: string, env: NodeJS.ProcessEnv = process.env): Neo4jMemory {
  const sized = memoryForStore(storeBytes(home));
  const heap = memorySetting(env.NEO4J_HEAP);
  return {
    heapInitial: heap ?? sized.heapInitial,
    heapMax: heap ?? sized.heapMax,
    pageCache: memorySetting(env.NEO4J_PAGECACHE) ?? sized.pageCache,
  };
}

export function memorySetting(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d+[kmg]$/i.test(value)) throw new Error(`Memory setting "${value}" is not like 512m or 2g`);
  return value.toLowerCase();
}

/** Throw-away test servers: fixed, so a suite's many projects never outgrow a first-start guess. */
export const TEST_MEMORY: Neo4jMemory = { heapInitial: '256m', heapMax: '1g', pageCache: '512m' };
