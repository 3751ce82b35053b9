/**
 * `customs-concepts export <document> [--format html|pdf] [--out FILE] [--locale en|fr|ru] [--strict] [--browser PATH]`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { createLanguageService, DEFAULT_SETTINGS, type Locale } from '../core/index';
import { findFiles, loadBuiltinData, readFileUri } from '../node/files';
import { exportHtml } from './html';
import { findBrowser, printPdf } from './pdf';

export const EXPORT_USAGE = `Usage: customs-concepts export <document> [--format html|pdf] [--out FILE] [--locale en|fr|ru] [--strict] [--browser PATH]

Exports a concept document (*.concept.md) as one self-contained HTML file or as a PDF,
with its annexes: glossary, instruments cited, coverage of the reference model,
maturity and indicators, components, and the open problems.

Options:
  --format html|pdf   output format (default: html)
  --out FILE          output file (default: the document's name with .html or .pdf)
  --locale en|fr|ru   language of annex titles and labels (default: the document's language)
  --strict            refuse to export a document that has errors (exit 1)
  --browser PATH      Chromium, Chrome or Edge to print the PDF with (default: the first one installed)

Exit code: 0 exported, 1 refused (--strict) or printing failed, 2 bad usage or unreadable input.`;

type Out = (s: string) => void;

/**
 * A language service over the disk for one document, as `check` builds it for a file: term bases and models
 * found under the document's folder; files read from there or below the current folder.
 */
function serviceFor(file: string, locale: Locale | undefined) {
  const folder = path.dirname(file);
  const roots = [folder, process.cwd()];
  const find = (suffixes: string[]) => findFiles(folder, suffixes).map((f) => URI.file(f).toString());
  const termBaseUris = find(['.terms.yaml', '.terms.yml']);
  const modelUris = find(['.model.yaml', '.model.yml']);
  return createLanguageService({
    builtin: loadBuiltinData(),
    workspace: { read: (uri) => readFileUri(uri, roots), termBaseUris: () => termBaseUris, modelUris: () => modelUris },
    settings: () => ({ ...DEFAULT_SETTINGS, locale }),
  });
}

export async function runExport(argv: string[], out: Out = (s) => process.stdout.write(s), err: Out = (s) => process.stderr.write(s)): Promise<number> {
  let format: 'html' | 'pdf' = 'html';
  let outFile: string | undefined;
  let locale: Locale | undefined;
  let strict = false;
  let browser: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const value = () => (eq > 0 && a.startsWith('--') ? a.slice(eq + 1) : argv[++i]);
    if (name === '-h' || name === '--help') {
      out(EXPORT_USAGE + '\n');
      return 0;
    } else if (name === '--format') {
      const v = value();
      if (v !== 'html' && v !== 'pdf') {
        err(`--format takes \`html\` or \`pdf\` (got \`${v ?? ''}\`).\n`);
        return 2;
      }
      format = v;
    } else if (name === '--out') {
      outFile = value();
      if (!outFile) {
        err('--out takes a file name.\n');
        return 2;
      }
    } else if (name === '--locale') {
      const v = value();
      if (v !== 'en' && v !== 'fr' && v !== 'ru') {
        err(`--locale takes \`en\`, \`fr\` or \`ru\` (got \`${v ?? ''}\`).\n`);
        return 2;
      }
      locale = v;
    } else if (name === '--browser') {
      browser = value();
      if (!browser) {
        err('--browser takes the path of a Chromium, Chrome or Edge executable.\n');
        return 2;
      }
    } else if (name === '--strict') {
      strict = true;
    } else if (a.startsWith('-')) {
      err(`Unknown option \`${a}\`.\n\n${EXPORT_USAGE}\n`);
      return 2;
    } else files.push(a);
  }
  if (files.length !== 1) {
    err(`${files.length ? 'Export takes one document.' : 'No document given.'}\n\n${EXPORT_USAGE}\n`);
    return 2;
  }
  const file = path.resolve(files[0]);
  if (!file.toLowerCase().endsWith('.md')) {
    err(`${files[0]}: not a concept document (*.concept.md).\n`);
    return 2;
  }
  const uri = URI.file(file).toString();
  const read = readFileUri(uri, []);
  if ('error' in read) {
    err(`${files[0]}: ${read.error}\n`);
    return 2;
  }
  const service = serviceFor(file, locale);
  const document = TextDocument.create(uri, 'markdown', 1, read.text);
  const { html, view } = exportHtml(service, document, { locale });
  if (strict && view.errors > 0) {
    err(`${files[0]}: not exported (--strict): the document has ${view.errors} error${view.errors === 1 ? '' : 's'}:\n`);
    for (const p of view.problems.filter((x) => x.severity === 'error')) err(`  ${p.line}:${p.column} ${p.code} ${p.message}\n`);
    return 1;
  }
  const target = path.resolve(outFile ?? file.replace(/(\.concept)?\.md$/i, '') + '.' + format);
  if (format === 'html') {
    fs.writeFileSync(target, html);
  } else {
    const found = findBrowser(browser);
    if ('error' in found) {
      err(found.error + '\n');
      return 1;
    }
    try {
      await printPdf(html, target, found.path, view.labels.page);
    } catch (e) {
      err(`Printing the PDF with ${found.path} failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}\nExport to HTML (--format html) and print that from any browser.\n`);
      return 1;
    }
  }
  const open = view.problems.length;
  err(`${path.relative(process.cwd(), target) || target} written${open ? ` (${view.errors} error${view.errors === 1 ? '' : 's'} and ${open - view.errors} warning${open - view.errors === 1 ? '' : 's'} listed in its last annex)` : ''}.\n`);
  return 0;
}
