import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/core/**/*.test.ts', 'tests/lsp/**/*.test.ts', 'tests/cli/**/*.test.ts', 'tests/robustness/**/*.test.ts', 'tests/export/**/*.test.ts', 'tests/client/**/*.test.ts', 'tests/interchange/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
