import { defineConfig } from 'vitest/config';

// What `npm run mutate` runs against each mutant: the in-process tests of the core
// (the protocol and CLI tests run the bundled dist/, which a mutant of the sources does not reach).
export default defineConfig({
  test: {
    include: ['tests/core/**/*.test.ts', 'tests/robustness/matcher.property.test.ts'],
    // Reads the sources, which Stryker instruments.
    exclude: ['tests/core/moduleState.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
