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
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'] },
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
