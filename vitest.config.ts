import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 240_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        // Pure tests: no database, run anywhere in seconds.
        // Projects do not inherit the root timeouts: the fuzz tests take ~1 s alone but longer on a
        // loaded 2-core machine, so the unit project gets its own headroom.
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 60_000 },
      },
      {
        // Integration and end-to-end tests share one real Neo4j for the whole run (NEO4J_URI,
        // Testcontainers, or a temporary local server) and isolate themselves with a random
        // projectId.
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          globalSetup: ['test/helpers/global-setup.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
