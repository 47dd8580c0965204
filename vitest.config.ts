import { defineConfig } from 'vitest/config';

// One project per environment. Integration tests (`*.integration.test.ts`) talk to the real
// Kafka broker and PostgreSQL, which the global setup starts once per run.
const nodePackages = [
  'schemas',
  'streams',
  'sdk-core',
  'sdk-node',
  'gateway',
  'collectors',
  'simulators',
  'processor',
  'bench',
  'scripts',
];
const domPackages = ['sdk-web', 'demo-site'];
const glob = (dirs: string[], suffix: string) => dirs.map((d) => `${d}/**/*${suffix}`);
const exclude = ['**/node_modules/**', '**/dist/**', '**/*.integration.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: glob(nodePackages, '.test.ts'),
          exclude,
        },
      },
      {
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: glob(domPackages, '.test.ts'),
          exclude,
        },
      },
      {
        test: {
          name: 'integration',
          environment: 'node',
          include: glob([...nodePackages, ...domPackages], '.integration.test.ts'),
          exclude: ['**/node_modules/**', '**/dist/**'],
          globalSetup: ['scripts/src/test-setup/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One broker and one Postgres on a 2-core machine: run integration files one at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
