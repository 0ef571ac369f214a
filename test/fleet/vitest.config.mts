import { defineConfig } from 'vitest/config';
import path from 'node:path';

// The real-sshd suite (test/fleet/README.md). Run it with `npm run test:fleet`,
// which brings the test fleet up first and tears it down afterwards; the root
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
    include: ['test/fleet/**/*.test.ts'],
    exclude: ['node_modules/**'],
    environment: 'node',
    // One fleet: files count connections and change nodes, so they take turns.
    fileParallelism: false,
    sequence: { concurrent: false },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { LC_ALL: 'C' },
  },
});
