// npm run bench: prints speed and memory figures. Nothing here is asserted by the tests.
//
//   1. the engine: 1k, 10k and 100k measures of 12 periods (time and peak memory)
//   2. the CLI end to end on a 10k-measure workbook and each real workbook, beside an
//      ExcelJS read+write, an xlsx-populate read+write and a bare unzip+rezip (the floor)
//   3. SPC over 10k measures of 60 points
//   4. a load test: 30 returns of 2,000 measures in one CLI call (peak memory)
//   5. the Office shell on the test double, and the pane's bundle and start-up (their own scripts)
//
// Every timed run is its own process, so start-up is counted for everyone alike.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = path.join(ROOT, 'test', 'fixtures');
const node = process.execPath;
const work = mkdtempSync(path.join(tmpdir(), 'rag-bench-'));
const quick = process.argv.includes('--quick');

function heading(t) {
  console.log(`\n== ${t}`);
}
function ms(x) {
  return x === null ? 'fails' : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 1 : 0)} ms`;
}
function median(xs) {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
/** Wall time of a child process in ms, or null when it fails. */
function timed(args, opts = {}) {
  const t = process.hrtime.bigint();
  const r = spawnSync(node, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  const wall = Number(process.hrtime.bigint() - t) / 1e6;
  return { wall: r.status === 0 ? wall : null, r };
}
function best(args, runs) {
  const walls = [];
  let last;
  for (let i = 0; i < runs; i++) {
    last = timed(args);
    if (last.wall === null) return { wall: null, r: last.r };
    walls.push(last.wall);
  }
  return { wall: median(walls), r: last.r };
}

// ---------------------------------------------------------------- 1. engine
heading('Engine (the pure core on an in-memory snapshot: one sheet, 12 monthly periods per measure)');
console.log('measures   detect+extract   rules      whole refresh   peak RSS   heap used');
for (const n of quick ? [1000, 10000] : [1000, 10000, 100000]) {
  const r = spawnSync(node, ['--expose-gc', 'scripts/bench/engine.mjs', String(n)], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) {
    console.log(`${n}: failed\n${r.stderr}`);
    continue;
  }
  const j = JSON.parse(r.stdout);
  console.log(
    `${String(n).padStart(8)}   ${ms(j.detectExtractMs).padStart(14)}   ${ms(j.rulesMs).padStart(8)}   ${ms(j.refreshMs).padStart(13)}   ${`${j.peakRssMB.toFixed(0)} MB`.padStart(8)}   ${`${j.heapUsedMB.toFixed(0)} MB`.padStart(9)}`,
  );
}

// ---------------------------------------------------------------- 2. files
heading('Files: the CLI end to end beside library round trips (median wall time of separate processes)');
const big = path.join(work, 'return-10k.xlsx');
spawnSync(node, ['scripts/bench/make-big.mjs', '10000', big], { cwd: ROOT });
const files = [
  big,
  path.join(ROOT, 'examples/sample-return.xlsx'),
  ...['dluhc_towns_fund_return_TF_Round_4_Success.xlsx', 'dluhc_pathfinders_return_PF_Round_2_Success.xlsx', 'improvement_service_lgbf_metadata.xlsx', 'spcreporter_example_data.xlsx'].map((f) =>
    path.join(SHARED, 'real-workbooks', f),
  ),
].filter((f) => existsSync(f));
console.log('file                                             size     CLI        floor      ExcelJS    xlsx-populate   CLI/floor  CLI/ExcelJS  CLI/xlsx-populate');
for (const f of files) {
  const runs = quick ? 1 : 3;
  const out = path.join(work, 'out.xlsx');
  const cli = best(['bin/rag-refresh.js', f, '--out', out, '--quiet'], runs);
  const floor = best(['scripts/bench/roundtrip.mjs', 'floor', f, out], runs);
  const exceljs = best(['scripts/bench/roundtrip.mjs', 'exceljs', f, out], runs);
  const populate = best(['scripts/bench/roundtrip.mjs', 'xlsx-populate', f, out], runs);
  const ratio = (a, b) => (a.wall === null || b.wall === null ? '–' : `${(a.wall / b.wall).toFixed(2)}×`);
  const size = `${(statSync(f).size / 1024).toFixed(0)} KB`;
  console.log(
    `${path.basename(f).slice(0, 46).padEnd(46)} ${size.padStart(7)}  ${ms(cli.wall).padStart(8)}  ${ms(floor.wall).padStart(8)}  ${ms(exceljs.wall).padStart(8)}  ${ms(populate.wall).padStart(13)}   ${ratio(cli, floor).padStart(8)}  ${ratio(cli, exceljs).padStart(11)}  ${ratio(cli, populate).padStart(17)}`,
  );
  if (cli.wall === null) console.log(`   CLI failed: ${cli.r.stderr.split('\n')[0]}`);
  if (exceljs.wall === null) console.log(`   ExcelJS failed: ${(exceljs.r.stderr.match(/Error[^\n]*/) ?? [''])[0].slice(0, 100)}`);
}

// ---------------------------------------------------------------- 3. SPC
heading('Statistical trend (SPC) over 10,000 measures of 60 points');
{
  const r = spawnSync(node, ['scripts/bench/spc.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status === 0) {
    const j = JSON.parse(r.stdout);
    console.log(`measureSpc ×${j.measures} (${j.points} points each): ${ms(j.ms)}`);
  } else console.log(`failed: ${r.stderr}`);
}

// ---------------------------------------------------------------- 4. load test
heading('Load test: 30 returns of 2,000 measures in one CLI call');
{
  const one = path.join(work, 'return-2k.xlsx');
  spawnSync(node, ['scripts/bench/make-big.mjs', '2000', one], { cwd: ROOT });
  const dir = path.join(work, 'thirty');
  const outDir = path.join(work, 'thirty-out');
  mkdirSync(dir);
  mkdirSync(outDir);
  const inputs = [];
  for (let i = 1; i <= 30; i++) {
    const p = path.join(dir, `return-${String(i).padStart(2, '0')}.xlsx`);
    copyFileSync(one, p);
    inputs.push(p);
  }
  const t = timed(['scripts/bench/with-rss.cjs', ...inputs, '--out', outDir, '--quiet']);
  const rss = Number((t.r.stderr.match(/MAXRSS_KB (\d+)/) ?? [0, 0])[1]);
  console.log(`30 × 2,000 measures: ${ms(t.wall)} in all, ${readdirSync(outDir).length} workbooks written, peak memory ${(rss / 1024).toFixed(0)} MB`);
}

// ---------------------------------------------------------------- 5. other parts
for (const [title, script] of [
  ['Office shell on the Excel API test double', 'scripts/bench-office.mjs'],
  ['Task pane: bundle size and start-up', 'scripts/bench-pane.mjs'],
]) {
  heading(title);
  if (!existsSync(path.join(ROOT, script))) {
    console.log(`(${script} not present)`);
    continue;
  }
  const r = spawnSync(node, [script], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  process.stdout.write(r.stdout);
  if (r.status !== 0) console.log(`failed (${r.status}): ${r.stderr.slice(0, 500)}`);
}

rmSync(work, { recursive: true, force: true });
