import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/core/**/*.test.ts', 'tests/lsp/**/*.test.ts', 'tests/cli/**/*.test.ts', 'tests/robustness/**/*.test.ts', 'tests/export/**/*.test.ts', 'tests/client/**/*.test.ts', 'tests/interchange/**/*.test.ts'],
    testTimeout: 30_000,
    // The CLI's compiled term-base cache stays out of the user's cache folder; its own tests give it a temporary one.
    env: { CUSTOMS_CONCEPTS_CACHE_DIR: 'off' },
    hookTimeout: 30_000,
  },
});
