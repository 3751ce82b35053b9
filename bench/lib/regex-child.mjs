// Runs the big-RegExp baseline in its own process so the parent can cap it
// with a timeout. Usage: node regex-child.mjs JOB.json
// JOB: {root, labelsFile, textFile, reps, outFile}. Writes {buildMs, compileMs,
// scanMs: [...], matches} to outFile after every repetition.
import * as fs from 'node:fs';
import { buildRegExp, regexScan } from './semantics.mjs';
import { builtinLabels, LOCAL_TERMS } from './generate.mjs';

const job = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const labels = [...JSON.parse(fs.readFileSync(job.labelsFile, 'utf8')), ...builtinLabels(job.root), ...LOCAL_TERMS];
const text = fs.readFileSync(job.textFile, 'utf8');
const out = { buildMs: 0, compileMs: 0, scanMs: [], matches: undefined, alternatives: labels.length };
let t = performance.now();
const re = buildRegExp(labels);
out.buildMs = performance.now() - t;
out.sourceChars = re.source.length;
// The first exec compiles the pattern; time it on a short text apart from the scans.
t = performance.now();
regexScan(re, 'warm up the customs declaration engine');
out.compileMs = performance.now() - t;
for (let i = 0; i < job.reps; i++) {
  t = performance.now();
  const m = regexScan(re, text);
  out.scanMs.push(performance.now() - t);
  out.matches ??= m;
  fs.writeFileSync(job.outFile, JSON.stringify(out));
}
fs.writeFileSync(job.outFile, JSON.stringify(out));
