// The embedded Neo4j's sizing (neo4j/memory.ts) and conf (neo4j/config.ts): bounds, overrides,
// and the settings a local analytics store relies on.
import { describe, expect, it } from 'vitest';
import { apocEnabled, extraSettings, hasNativeHeapTrim, jvmFlags, pluginsDir, serverSettings } from '../../neo4j/config.ts';
import { PLUGINS_DIR } from '../../neo4j/paths.ts';
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
    // Checkpoints by log volume: the logs stay bounded however fast the ingest.
    expect(settings['db.checkpoint']).toBe('VOLUME');
    expect(settings['db.checkpoint.interval.volume']).toBe('32m');
  });

  it('starts the heap small and lets it grow', () => {
    expect(jvmFlags(memory, { extra: '' }).slice(0, 2)).toEqual(['-Xms128m', '-Xmx1g']);
  });

  it('trims the native heap only on a JVM that has the flag (an unknown -XX flag stops java)', () => {
    expect(jvmFlags(memory, { javaVersion: '17.0.15', extra: '' })).toContain('-XX:TrimNativeHeapInterval=5000');
    expect(jvmFlags(memory, { javaVersion: '17.0.8', extra: '' })).not.toContain('-XX:TrimNativeHeapInterval=5000');
    expect(jvmFlags(memory, { extra: '' })).not.toContain('-XX:TrimNativeHeapInterval=5000');
    expect([hasNativeHeapTrim('17.0.9'), hasNativeHeapTrim('21'), hasNativeHeapTrim('21.0.2'), hasNativeHeapTrim('22.0.1'), hasNativeHeapTrim('17')]).toEqual([true, false, true, true, false]);
  });

  it('appends NEO4J_JVM_EXTRA last, so its flags win', () => {
    expect(jvmFlags(memory, { extra: ' -XX:G1PeriodicGCInterval=0  -Xss512k ' }).slice(-2)).toEqual(['-XX:G1PeriodicGCInterval=0', '-Xss512k']);
  });

  it('loads APOC unless NEO4J_APOC=off', () => {
    expect(apocEnabled({})).toBe(true);
    expect(pluginsDir('/srv/neo4j', {})).toBe(PLUGINS_DIR);
    expect(apocEnabled({ NEO4J_APOC: 'OFF' })).toBe(false);
    expect(pluginsDir('/srv/neo4j', { NEO4J_APOC: 'off' })).toBe('/srv/neo4j/plugins');
    expect(() => apocEnabled({ NEO4J_APOC: 'maybe' })).toThrow(/on or off/);
  });

  it('reads NEO4J_CONF_EXTRA as key=value pairs', () => {
    expect(extraSettings('db.checkpoint.interval.time=15m; server.bolt.thread_pool_max_size=400')).toEqual({
      'db.checkpoint.interval.time': '15m',
      'server.bolt.thread_pool_max_size': '400',
    });
    expect(() => extraSettings('nonsense')).toThrow(/key=value/);
  });
});
