import { defineConfig } from 'vitest/config';

// Three tiers (docs/ARCHITECTURE.md): unit (pure), db (route and use-case tests, every suite on
// SQLite and PostgreSQL), browser (real Chromium against the built app).
export default defineConfig({
  test: {
    env: { TZ: 'Asia/Shanghai' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'server/src/**/*.unit.test.ts', 'web/src/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'db',
          include: ['server/src/**/*.db.test.ts', 'server/test/**/*.db.test.ts'],
          globalSetup: ['server/test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['e2e/**/*.e2e.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
