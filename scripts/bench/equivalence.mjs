// Byte-for-byte equivalence of the engine against an earlier revision:
//   node scripts/bench/equivalence.mjs [revision] [fuzz count]
// Builds the library bundle of <revision> (default 49b849d, the engine before the speed work)
// and of the working tree, then runs refresh() in both over the same snapshots and compares
// JSON.stringify of the whole outcome (plan and report): every real workbook and example
// under test/fixtures and examples/, under several configurations, each refreshed twice (the
// second time over the first one's saved document: previous statuses, owned columns); random
// workbooks from equivalence-gen.mjs with random configurations; and a large random table.
// Both bundles read the files with the earlier revision's reader, so only the engine differs.
// Exits 1 when anything differs, printing where.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { config, workbook } from './equivalence-gen.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const revision = process.argv[2] ?? '49b849d';
const fuzzCount = Number(process.argv[3] ?? 300);
const require = createRequire(import.meta.url);

async function bundle(srcRoot, outfile) {
  await build({
    entryPoints: [path.join(srcRoot, 'src/index.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile,
    nodePaths: [path.join(ROOT, 'node_modules')],
    logLevel: 'warning',
  });
  return require(outfile);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rag-equivalence-'));
const old = path.join(work, 'old');
fs.mkdirSync(old);
execSync(`git archive ${revision} src tsconfig.json package.json | tar -x -C ${JSON.stringify(old)}`, { cwd: ROOT, shell: '/bin/bash' });
const A = await bundle(old, path.join(work, 'old.cjs'));
const B = await bundle(ROOT, path.join(work, 'new.cjs'));

const opts = { now: '2026-01-15T09:30:00+00:00', appVersion: 'equivalence' };
let cases = 0;
let failures = 0;
function run(lib, snap, o) {
  try {
    return JSON.stringify(lib.refresh(snap, o));
  } catch (e) {
    return `ERR ${e.name}: ${e.message} ${JSON.stringify(e.details ?? null)}`;
  }
}
function compare(label, snap, o) {
  cases++;
  const a = run(A, snap, o);
  const b = run(B, snap, o);
  if (a === b) return a;
  failures++;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  console.log(`DIFF ${label} at character ${i}:\n  ${revision}: ${a.slice(Math.max(0, i - 200), i + 200)}\n  now: ${b.slice(Math.max(0, i - 200), i + 200)}`);
  return null;
}
function check(label, snap, o = opts) {
  const first = compare(label, snap, o);
  if (first === null || first.startsWith('ERR')) return;
  const again = { ...snap, savedDocument: JSON.parse(first).plan.savedDocument };
  compare(`${label} (again)`, again, o);
}

const configs = [
  {},
  { settings: { brag: { enabled: true, margin: { type: 'relative', value: 10 } } } },
  { settings: { forecast: { method: 'average', yearStartMonth: 4 } } },
  { settings: { forecast: { method: 'cumulative', yearStartMonth: 4 } } },
  { settings: { forecast: { method: 'latest', yearStartMonth: 1 } } },
  { settings: { directionOfTravel: { compareWith: 'same-period-last-year', sustainedBand: { type: 'absolute', value: 1 } } } },
  { settings: { statisticalTrend: { enabled: true } } },
  { settings: { overallRag: { rule: 'red-share', redShareForRed: 25, redShareForAmber: 10 } } },
];
const files = [];
for (const dir of [path.join(ROOT, 'test/fixtures/real-workbooks'), path.join(ROOT, 'test/fixtures/file-fixtures'), path.join(ROOT, 'examples')]) {
  if (!fs.existsSync(dir)) continue;
  for (const f of fs.readdirSync(dir)) if (/\.(xlsx|csv)$/.test(f)) files.push(path.join(dir, f));
}
for (const f of files) {
  let snap;
  try {
    const bytes = new Uint8Array(fs.readFileSync(f));
    const read = f.endsWith('.csv') ? A.readCsvWorkbook : A.readWorkbook;
    snap = read(bytes, { fileName: path.basename(f) }).snapshot;
  } catch {
    continue;
  }
  for (const [i, c] of configs.entries()) check(`${path.basename(f)} config ${i}`, snap, { ...opts, config: c });
}
for (let seed = 1; seed <= fuzzCount; seed++) {
  const snap = workbook(seed);
  check(`random ${seed}`, snap, { ...opts, config: config(seed) });
  if (seed % 5 === 0) check(`random ${seed} (defaults)`, snap, opts);
}
check('large random', workbook(99991, { minRows: 800, maxRows: 1500 }), opts);
fs.rmSync(work, { recursive: true, force: true });
console.log(`${cases} refreshes compared against ${revision}, ${failures} different`);
process.exit(failures ? 1 : 0);
