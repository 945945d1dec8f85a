// Loaded into the engine by the footprint bench when FOOTPRINT_DIAG=1 (`node --import` before
// src/main.ts): on SIGUSR2 the process prints where its memory is — V8's heap spaces, external
// and array buffers, and RSS — as one `[memory-probe]` JSON line on stderr. Never loaded by
// `npm start`.
import v8 from 'node:v8';

const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

process.on('SIGUSR2', () => {
  const usage = process.memoryUsage();
  const heap = v8.getHeapStatistics();
  const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, `${mib(s.space_used_size)}/${mib(s.space_size)}`]));
  const line = {
    rss: mib(usage.rss),
    heapUsed: mib(usage.heapUsed),
    heapTotal: mib(usage.heapTotal),
    external: mib(usage.external),
    arrayBuffers: mib(usage.arrayBuffers),
    mallocedMemory: mib(heap.malloced_memory),
    peakMallocedMemory: mib(heap.peak_malloced_memory),
    spacesUsedPerCommitted: spaces,
  };
  process.stderr.write(`[memory-probe] ${JSON.stringify(line)}\n`);
});
