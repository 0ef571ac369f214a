import { defineConfig } from 'vitest/config';
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
  },
});
