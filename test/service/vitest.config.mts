import { defineConfig } from 'vitest/config';
import path from 'node:path';

// The service suite (npm run test:service, run by .ci/run): the packed package, Prometheus,
// systemd-analyze, visudo and sudo. Sequential: the files share the machine's ports and users.
export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname, '../..') } },
  test: {
    root: path.resolve(import.meta.dirname, '../..'),
    include: ['test/service/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 1_200_000,
  },
});
