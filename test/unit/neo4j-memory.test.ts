// The embedded Neo4j's sizing (neo4j/memory.ts) and conf (neo4j/config.ts): bounds, overrides,
// and the settings a local analytics store relies on.
import { describe, expect, it } from 'vitest';
import { extraSettings, jvmFlags, serverSettings } from '../../neo4j/config.ts';
import { memoryForStore, serverMemory } from '../../neo4j/memory.ts';

const MiB = 2 ** 20;
const GiB = 2 ** 30;

describe('memoryForStore', () => {
  it('keeps an empty store at the floor: 128 MiB page cache, heap 128 MiB growing to 512 MiB', () => {
    expect(memoryForStore(0, 24 * GiB)).toEqual({ heapInitial: '128m', heapMax: '512m', pageCache: '128m' });
  });

  it('grows with the store: page cache = store × 1.25 + 64 MiB, heap max = 512 MiB + store / 2', () => {
    expect(memoryForStore(400 * MiB, 24 * GiB)).toEqual({ heapInitial: '128m', heapMax: '720m', pageCache: '576m' });
  });

  it('never takes more than a quarter of the machine for the cache nor an eighth for the heap', () => {
    expect(memoryForStore(100 * GiB, 8 * GiB)).toEqual({ heapInitial: '128m', heapMax: '1024m', pageCache: '2048m' });
    expect(memoryForStore(100 * GiB, 64 * GiB)).toEqual({ heapInitial: '128m', heapMax: '2048m', pageCache: '4096m' });
  });
});

describe('serverMemory', () => {
  it('takes NEO4J_HEAP as a fixed heap and NEO4J_PAGECACHE as the cache', () => {
    expect(serverMemory('/nonexistent', { NEO4J_HEAP: '2G', NEO4J_PAGECACHE: '1g' })).toEqual({ heapInitial: '2g', heapMax: '2g', pageCache: '1g' });
  });

  it('refuses a size it cannot pass on', () => {
    expect(() => serverMemory('/nonexistent', { NEO4J_HEAP: 'lots' })).toThrow(/not like 512m/);
  });
});

describe('conf', () => {
  const memory = { heapInitial: '128m', heapMax: '1g', pageCache: '256m' };

  it('caps transaction memory at 70% of the heap and keeps transaction logs to what recovery needs', () => {
    const settings = serverSettings(memory);
    expect(settings['dbms.memory.transaction.total.max']).toBe('716m');
    expect(settings['db.tx_log.rotation.retention_policy']).toBe('keep_none');
    expect(settings['db.tx_log.preallocate']).toBe('false');
  });

  it('starts the heap small and lets it grow', () => {
    expect(jvmFlags(memory).slice(0, 2)).toEqual(['-Xms128m', '-Xmx1g']);
  });

  it('reads NEO4J_CONF_EXTRA as key=value pairs', () => {
    expect(extraSettings('db.checkpoint.interval.time=15m; server.bolt.thread_pool_max_size=400')).toEqual({
      'db.checkpoint.interval.time': '15m',
      'server.bolt.thread_pool_max_size': '400',
    });
    expect(() => extraSettings('nonsense')).toThrow(/key=value/);
  });
});
