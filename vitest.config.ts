import { defineConfig } from 'vitest/config';

// Tests run against TypeScript sources: the `@bizmetrics/source` export condition
// points every workspace package at its `src/index.ts`.
const resolve = { conditions: ['@bizmetrics/source'] };
// Projects do not inherit the root's `ssr` block; without it workspace packages resolve to dist/.
const ssr = { resolve: { conditions: ['@bizmetrics/source'], externalConditions: ['@bizmetrics/source'] } };

export default defineConfig({
  resolve,
  ssr: { resolve: { conditions: ['@bizmetrics/source'], externalConditions: ['@bizmetrics/source'] } },
  test: {
    projects: [
      {
        resolve,
        ssr,
        test: {
          name: 'unit',
          include: [
            'packages/*/src/**/*.test.ts',
            'packages/*/test/**/*.test.ts',
            'collector/test/**/*.test.ts',
            'deploy/**/*.test.ts',
            'examples/*/test/**/*.test.ts',
            'bench/**/*.test.ts',
          ],
          exclude: ['**/node_modules/**', '**/*.e2e.test.ts'],
        },
      },
      {
        resolve,
        ssr,
        test: {
          name: 'e2e',
          include: ['**/*.e2e.test.ts'],
          exclude: ['**/node_modules/**'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
