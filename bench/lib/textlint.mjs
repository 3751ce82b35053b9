// textlint + textlint-rule-terminology configured with the same terms as our
// term base (and the built-in WCO labels our engine also knows): preferred
// labels and variants as accepted spellings (strings), deprecated labels as
// [pattern, preferred] pairs, the rule's own default terms off.
import * as fs from 'node:fs';
import * as path from 'node:path';

function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Writes `.textlintrc.json` for a generated term base; returns its path. */
export function writeTextlintConfig(dir, terms, builtin) {
  const list = [];
  const seen = new Set();
  const addString = (l) => {
    if (seen.has(l.toLowerCase())) return;
    seen.add(l.toLowerCase());
    list.push(l);
  };
  for (const t of terms) {
    addString(t.term);
    for (const v of t.variants) addString(v);
  }
  for (const b of builtin) addString(b.label);
  for (const t of terms) for (const d of t.deprecated) list.push([escapeRe(d), t.term]);
  const file = path.join(dir, 'textlintrc.json');
  fs.writeFileSync(file, JSON.stringify({ rules: { terminology: { defaultTerms: false, terms: list } } }));
  return file;
}

/** The command line for one textlint run (whole process, JSON report to `outFile`). */
export function textlintCommand(root, config, file, outFile) {
  return {
    cmd: process.execPath,
    args: [path.join(root, 'node_modules', 'textlint', 'bin', 'textlint.js'), '--config', config, '--format', 'json', '--output-file', outFile, file],
    cwd: root,
  };
}

/** Number of messages in a textlint JSON report. */
export function textlintCount(outFile) {
  try {
    const r = JSON.parse(fs.readFileSync(outFile, 'utf8'));
    return r.reduce((n, f) => n + f.messages.length, 0);
  } catch {
    return undefined;
  }
}
