import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../server/src/core/index';
import { loadBuiltinData } from '../../server/src/node/files';
import { checkDocument, createCheckService, type CheckSetup } from '../../server/src/node/checkService';
import { checkHere, checkInThreads, type CheckJob, type ReadJob } from '../../server/src/node/checkPool';
import { jsonOf, type ReportedDiagnostics } from '../../server/src/interchange/checkReport';
import { tempFolder } from '../tempFolder';

const ROOT = path.join(__dirname, '..', '..');

/** Jobs over in-memory documents; `events` records each read and each result, in order. */
function jobsOf(texts: (string | undefined)[], events: string[]): CheckJob<ReadJob & { n: number }>[] {
  return texts.map((text, n) => ({
    uri: URI.file(path.join(ROOT, 'examples', `pool-${n}.concept.md`)).toString(),
    size: text?.length ?? 0,
    read: () => {
      events.push(`read ${n}`);
      return text === undefined ? undefined : { text, n };
    },
  }));
}

const setup: CheckSetup = {
  builtin: loadBuiltinData(),
  settings: DEFAULT_SETTINGS,
  termBaseUris: [],
  modelUris: [],
  catalogUris: [],
  roots: [path.join(ROOT, 'examples')],
};

const jsonText = (reported: ReportedDiagnostics) => {
  const json = jsonOf(reported);
  return typeof json === 'string' ? json : Buffer.from(json).toString('utf8');
};

const doc = (n: number) => `---\nconcept: pool-${n}\ntitle: Pool ${n}\n---\n\n# Scope\n\nThe «single window ${n}» and @wco-nosuch-${n}.\n`;

describe('check pool', () => {
  it('reads each document only when its turn comes, and passes over one that can no longer be read', () => {
    const events: string[] = [];
    const service = createCheckService(setup);
    const results: number[] = [];
    checkHere(() => service, setup, jobsOf([doc(0), undefined, doc(2)], events), (index, result, read) => {
      expect(read.n).toBe(index);
      expect(jsonText(result.reported)).toContain(`wco-nosuch-${index}`);
      results.push(index);
      events.push(`result ${index}`);
    });
    expect(results).toEqual([0, 2]);
    expect(events).toEqual(['read 0', 'result 0', 'read 1', 'read 2', 'result 2']);
  });

  it('names what a result depends on only when the setup asks (`--cache`), with the same diagnostics', () => {
    const glossary = URI.file(path.join(ROOT, 'examples', 'pool.terms.yaml')).toString();
    const text = doc(0).replace('title: Pool 0\n', 'title: Pool 0\nglossaries: [pool.terms.yaml]\n');
    const uri = URI.file(path.join(ROOT, 'examples', 'pool-0.concept.md')).toString();
    const withDeps = checkDocument(createCheckService(setup), setup, uri, text);
    expect(withDeps.dependencies).toContain(glossary);
    const without = { ...setup, dependencies: false };
    const plain = checkDocument(createCheckService(without), without, uri, text);
    expect(plain.dependencies).toEqual([]);
    expect(jsonText(plain.reported)).toBe(jsonText(withDeps.reported));
  });

  it('on several threads, gives every readable document its own result with what was read for it', async () => {
    expect(fs.existsSync(path.join(ROOT, 'dist', 'checkWorker.js'))).toBe(true);
    const events: string[] = [];
    const texts = Array.from({ length: 9 }, (_, n) => (n === 4 ? undefined : doc(n)));
    const seen = new Map<number, string>();
    const service = createCheckService(setup);
    await checkInThreads(() => service, setup, jobsOf(texts, events), 2, (index, result, read) => {
      expect(read.n).toBe(index);
      seen.set(index, jsonText(result.reported));
    });
    expect([...seen.keys()].sort()).toEqual([0, 1, 2, 3, 5, 6, 7, 8]);
    for (const [index, json] of seen) expect(json).toContain(`wco-nosuch-${index}`);
    // Each document is read once, the unreadable one too.
    expect(events.filter((e) => e.startsWith('read')).sort()).toEqual(texts.map((_, n) => `read ${n}`).sort());
  });
});

describe('check of a folder', () => {
  it('reports a listed file that cannot be read, and every other file in order', () => {
    const dir = tempFolder('cc-pool-');
    fs.writeFileSync(path.join(dir, 'a.concept.md'), doc(1));
    // A named pipe: listed like a file, refused when its turn comes (it is not a regular file).
    expect(spawnSync('mkfifo', [path.join(dir, 'b.concept.md')]).status).toBe(0);
    fs.writeFileSync(path.join(dir, 'c.concept.md'), doc(3));
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'customs-concepts.js'), 'check', 'a.concept.md', 'b.concept.md', 'c.concept.md', '--format', 'json'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, LANG: 'C', LC_ALL: 'C' },
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('b.concept.md: not a file.\n');
    const files = JSON.parse(r.stdout) as { file: string }[];
    expect(files.map((f) => f.file)).toEqual(['a.concept.md', 'c.concept.md']);
  });
});
