import { defineConfig } from 'vitest/config';
import path from 'node:path';

// The real-daemon suite (test/snapd/README.md). Run it with `npm run test:snapd`,
// which brings the snapd lab up first and tears it down afterwards; the root
// vitest.config.mts excludes these files.
const root = path.resolve(import.meta.dirname, '..', '..');

export default defineConfig({
  root,
  resolve: {
    alias: {
      '@': root,
      // `server-only` throws outside a React Server bundle; in tests it is a no-op.
      'server-only': path.resolve(root, 'test/support/server-only-stub.ts'),
    },
  },
  test: {
    include: ['test/snapd/**/*.test.ts'],
    exclude: ['node_modules/**'],
    environment: 'node',
    // One snapd for the whole suite: files must not change it at the same time.
    fileParallelism: false,
    sequence: { concurrent: false },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: {
      CONFINEMENT_DASHBOARD_HOST_MODE: 'local',
      LC_ALL: 'C',
      // root runs snap directly; the access tests set sudo mode in their own child processes
      CONFINEMENT_DASHBOARD_SUDO: '',
    },
  },
});
