/**
 * PDF printing: the exported HTML printed by an installed Chromium, Chrome or
 * Edge through playwright-core (A4, page numbers, document outline, tagged).
 * Nothing is downloaded: with no browser found, the caller gets a message that
 * names what was looked for and points to the HTML export.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Where browsers are usually installed, per platform, most specific first. */
export function browserCandidates(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string[] {
  if (platform === 'win32') {
    const roots = [env['PROGRAMFILES'], env['PROGRAMFILES(X86)'], env['LOCALAPPDATA']].filter((x): x is string => !!x);
    return roots.flatMap((r) => [
      path.win32.join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      path.win32.join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
      path.win32.join(r, 'Chromium', 'Application', 'chrome.exe'),
    ]);
  }
  if (platform === 'darwin') {
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
  }
  const names = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge', 'microsoft-edge-stable'];
  const dirs = (env.PATH ?? '/usr/bin:/bin').split(path.delimiter).filter(Boolean);
  return [...names.flatMap((n) => dirs.map((d) => path.join(d, n))), '/snap/bin/chromium'];
}

export type BrowserLookup = { path: string } | { error: string };

/** The browser to print with: the one named (`--browser`, the setting, `CUSTOMS_CONCEPTS_BROWSER`), else the first installed one. */
export function findBrowser(named?: string, env: NodeJS.ProcessEnv = process.env): BrowserLookup {
  const explicit = named || env.CUSTOMS_CONCEPTS_BROWSER;
  if (explicit) {
    try {
      if (fs.statSync(explicit).isFile()) return { path: explicit };
    } catch {
      // reported below
    }
    return { error: `The browser \`${explicit}\` does not exist or is not a file. Name an installed Chromium, Chrome or Edge, or export to HTML (--format html) and print that.` };
  }
  for (const c of browserCandidates(process.platform, env)) {
    try {
      if (fs.statSync(c).isFile()) return { path: c };
    } catch {
      // not there
    }
  }
  return {
    error:
      'No Chromium, Chrome or Edge was found to print the PDF (nothing is downloaded). Install one, name it with --browser PATH ' +
      '(or the setting customsConcepts.export.browser, or CUSTOMS_CONCEPTS_BROWSER), or export to HTML (--format html) and print that from any browser.',
  };
}

/** playwright-core, loaded only when a PDF is asked for: from node_modules, else the copy beside the bundle (the .vsix has no node_modules). */
function loadPlaywright(): typeof import('playwright-core') {
  try {
    return require('playwright-core');
  } catch (e) {
    const copy = path.join(__dirname, 'vendor', 'playwright-core');
    if (!fs.existsSync(copy)) throw e;
    return require(copy);
  }
}

/** Prints `html` to `out` as A4 with page numbers, an outline from the headings, and tags. */
export async function printPdf(html: string, out: string, browser: string, pageLabel = 'Page'): Promise<void> {
  const { chromium } = loadPlaywright();
  const args = ['--headless', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const instance = await chromium.launch({ executablePath: browser, args, headless: true });
  try {
    const page = await instance.newPage();
    // The HTML is self-contained: any request is refused, so printing never touches the network.
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    await page.setContent(html, { waitUntil: 'load' });
    await page.pdf({
      path: out,
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: `<div style="font-size:9px;width:100%;text-align:center;font-family:sans-serif;">${pageLabel} <span class="pageNumber"></span> / <span class="totalPages"></span></div>`,
      margin: { top: '18mm', bottom: '20mm', left: '18mm', right: '18mm' },
      outline: true,
      tagged: true,
    });
  } finally {
    await instance.close();
  }
}
