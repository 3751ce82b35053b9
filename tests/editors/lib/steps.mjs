// The step runner of the code-server UI tests: each step runs under a time limit, prints
// "ok"/"not ok" with its time, and leaves a screenshot of what a user would see, whether it
// passed or not. Also the keyboard moves every UI test needs.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withTimeout } from './code-server.mjs';

/** A runner writing its screenshots and log into `results` (emptied first); `stepMs`: the default limit of a step. */
export function createSteps(results, stepMs) {
  rmSync(results, { recursive: true, force: true });
  mkdirSync(results, { recursive: true });
  const log = [];
  const counts = { passed: 0, failed: 0 };
  let shot = 0;
  const note = (line) => {
    log.push(line);
    if (process.env.CC_VERBOSE) console.error(line);
  };

  /** One step: runs `fn`, prints ok/not ok with its time, takes a screenshot either way. */
  async function step(page, name, fn, limit = stepMs + 5000) {
    const t0 = Date.now();
    let error;
    try {
      await withTimeout(fn(), limit, name);
    } catch (e) {
      error = e;
    }
    // Let fade-in animations (hover, suggest widget) end, so the screenshot shows what a user reads.
    // Spinners run forever: only finite animations are waited for, and never more than 2 s.
    await page
      .evaluate(() => Promise.race([
        Promise.all(document.getAnimations().filter((a) => a.effect?.getComputedTiming().iterations !== Infinity).map((a) => a.finished)),
        new Promise((r) => setTimeout(r, 2000)),
      ]))
      .catch(() => {});
    const file = `${String(++shot).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase()}.png`;
    await page.screenshot({ path: join(results, file) }).catch(() => {});
    const ms = Date.now() - t0;
    if (error) {
      counts.failed++;
      console.log(`not ok - ${name} (${ms} ms, ${file}): ${error.message.split('\n')[0]}`);
    } else {
      counts.passed++;
      console.log(`ok - ${name} (${ms} ms, ${file})`);
    }
    return !error;
  }

  /** Moves the cursor with Go to Line (Ctrl+G) to a 1-based line and column. */
  async function goTo(page, line, column) {
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: stepMs });
    await input.fill(`:${line}:${column}`);
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: stepMs });
  }

  return { step, goTo, note, counts, fail: () => counts.failed++, writeLog: () => writeFileSync(join(results, 'log.txt'), log.join('\n') + '\n') };
}
