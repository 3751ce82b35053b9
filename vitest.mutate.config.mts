import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Test files in the order that finds a failing test soonest: the file that failed last
 * (it killed the previous mutant, of the same code), then the quickest first. Stryker
 * stops a mutant's run at its first failing test; vitest's own order runs the slowest first.
 */
class FailedThenQuickestFirst extends BaseSequencer {
  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const cache = this.ctx.cache;
    const stats = (f: TestSpecification) => {
      const key = `${f.project.name}:${f.moduleId.slice(this.ctx.config.root.length + 1)}`;
      const r = cache.getFileTestResults(key);
      return { failed: r?.failed ? 0 : 1, duration: r?.duration ?? cache.getFileStats(key)?.size ?? 0 };
    };
    const known = new Map(files.map((f) => [f, stats(f)]));
    return [...files].sort((a, b) => known.get(a)!.failed - known.get(b)!.failed || known.get(a)!.duration - known.get(b)!.duration);
  }
}

// What `npm run mutate` runs against each mutant: the in-process tests of the core
// (the protocol and CLI tests run the bundled dist/, which a mutant of the sources does not reach).
export default defineConfig({
  test: {
    include: ['tests/core/**/*.test.ts', 'tests/robustness/matcher.property.test.ts'],
    // Reads the sources, which Stryker instruments.
    exclude: ['tests/core/moduleState.test.ts'],
    // One module graph for all test files of a run: each mutant is a fresh run, and
    // importing the core again for every test file cost more than the tests themselves.
    // Safe because the core holds no module-level mutable state (tests/core/moduleState.test.ts).
    isolate: false,
    sequence: { sequencer: FailedThenQuickestFirst },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
