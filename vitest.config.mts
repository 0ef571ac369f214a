import { defineConfig } from 'vitest/config';
import os from 'node:os';
import path from 'node:path';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // `server-only` throws outside a React Server bundle; in unit tests it is a no-op.
      'server-only': path.resolve(import.meta.dirname, 'test/support/server-only-stub.ts'),
    },
  },
  test: {
    include: ['lib/**/*.test.ts', 'test/**/*.test.ts', 'demo/**/*.test.ts', 'app/**/*.test.ts', 'components/**/*.test.ts'],
    exclude: ['e2e/**', 'node_modules/**', 'test/snapd/**', 'test/fleet/**', 'test/service/**'],
    environment: 'node',
    testTimeout: 20_000,
    // Most files spend their time waiting for child processes (the demo host's CLIs, the
    // server's commands), not on a core of their own: vitest's default of one worker less than
    // there are cores (a single worker on CI's two) leaves a core idle most of the run.
    maxWorkers: Math.max(2, os.availableParallelism()),
  },
});
