import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    exclude: ['**/node_modules/**', '.tmp/**', 'dist/**'],
    globalSetup: ['test/helpers/global-setup.ts'],
    setupFiles: ['test/helpers/leftover-databases.ts'],
    // Integration tests spawn the CLI and boot databases: give them room, and keep two workers
    // on this 2-core machine so PGlite boots do not starve each other.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
  },
});
