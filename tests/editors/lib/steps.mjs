// Numbered test steps for the code-server tests: each runs under a time limit, prints
// ok/not ok with its duration, and leaves a screenshot of the page either way.
import { join } from 'node:path';
import { withTimeout } from './code-server.mjs';

export function createSteps(results, defaultLimit) {
  const counts = { passed: 0, failed: 0 };
  let shot = 0;
  async function step(page, name, fn, limit = defaultLimit) {
    const t0 = Date.now();
    let error;
    try {
      await withTimeout(fn(), limit, name);
    } catch (e) {
      error = e;
    }
    const file = `${String(++shot).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase()}.png`;
    await page.screenshot({ path: join(results, file) }).catch(() => {});
    const ms = Date.now() - t0;
    if (error) counts.failed++;
    else counts.passed++;
    console.log(`${error ? 'not ok' : 'ok'} - ${name} (${ms} ms, ${file})${error ? `: ${error.message.split('\n')[0]}` : ''}`);
    return !error;
  }
  return { step, counts };
}
