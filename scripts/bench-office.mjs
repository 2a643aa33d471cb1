#!/usr/bin/env node
/**
 * Benchmark of the Office shell (src/workbook/office) on the Excel double:
 * round trips (syncs), queued operations and request/response bytes per
 * refresh for 10, 1k and 100k measures, on the desktop (no payload limit) and
 * on the web (5 MB per request and response):
 *   - the real Refresh RAG (src/core/refresh.ts refresh() through the Office
 *     shell's refreshExcel): the first refresh of the workbook (no read hint
 *     yet) and the next one (the steady state);
 *   - the shell alone with a hand-written plan (5 measure tables, 4 status
 *     columns each, exception sheet, saved settings), read as a first read;
 * then the production size of the ribbon command's bundle, which loads on every
 * click (built with the project's webpack configuration in production mode,
 * commands entry only).
 *
 *   node scripts/bench-office.mjs          figures as tables
 *   node scripts/bench-office.mjs --json   the same as JSON (for scripts/bench.mjs)
 *   node scripts/bench-office.mjs --quick  10 and 1k measures only
 *
 * The times are the double's, in Node: they show the shell's own cost, not Excel's.
 */
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const json = process.argv.includes('--json');
const SIZES = process.argv.includes('--quick') ? [10, 1_000] : [10, 1_000, 100_000];
const BUNDLE_BUDGET = 120 * 1024;

async function bundle(entry, options) {
  const result = await build({ entryPoints: [join(ROOT, entry)], bundle: true, write: false, logLevel: 'silent', absWorkingDir: ROOT, ...options });
  return result.outputFiles[0].contents;
}

async function loadBench() {
  const code = await bundle('test/office/bench/bench-run.ts', { platform: 'node', format: 'cjs', target: 'node20' });
  const dir = mkdtempSync(join(tmpdir(), 'rag-bench-'));
  const file = join(dir, 'bench-run.cjs');
  writeFileSync(file, code);
  const mod = createRequire(import.meta.url)(file);
  rmSync(dir, { recursive: true, force: true });
  return mod;
}

const kb = (n) => `${(n / 1024).toFixed(n < 10240 ? 1 : 0)} KB`;

function table(rows, headers) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i < 2 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const { benchOnce, benchRefresh } = await loadBench();
// The real refresh: first and steady state.
const real = [];
for (const host of ['desktop', 'web']) {
  for (const n of SIZES) real.push(await benchRefresh(n, 5, host));
}
const results = [];
for (const host of ['desktop', 'web']) {
  for (const n of SIZES) results.push(await benchOnce(n, 5, host));
}
// Operations follow tables, not cells: the same 1k measures in 2, 5 and 20 tables.
const byTables = [];
for (const t of [2, 5, 20]) byTables.push(await benchOnce(1_000, t, 'desktop'));

// The ribbon command's bundle, minified and gzipped, built by the production webpack configuration (commands entry only).
async function commandsBundle() {
  const require = createRequire(import.meta.url);
  const webpack = require('webpack');
  const makeConfig = require(join(ROOT, 'webpack.config.js'));
  const out = mkdtempSync(join(tmpdir(), 'rag-commands-'));
  const saved = { base: process.env.ADDIN_BASE_URL, dir: process.env.ADDIN_OUT_DIR };
  process.env.ADDIN_BASE_URL = 'https://bench.example/';
  process.env.ADDIN_OUT_DIR = out;
  try {
    const config = await makeConfig({ WEBPACK_BUILD: true }, { mode: 'production' });
    const only = {
      ...config,
      mode: 'production',
      context: ROOT,
      entry: { commands: config.entry.commands },
      plugins: config.plugins.filter((p) => p.constructor.name === 'DefinePlugin'),
    };
    const stats = await new Promise((resolve, reject) => webpack(only, (err, st) => (err ? reject(err) : resolve(st))));
    if (stats.hasErrors()) throw new Error(stats.toString({ all: false, errors: true }));
    const b = readFileSync(join(out, 'commands.js'));
    return { tool: 'webpack --mode production', bytes: b.length, gzipBytes: gzipSync(b).length, react: /react\.production|__SECRET_INTERNALS|react-dom/.test(b.toString('utf8')) };
  } finally {
    for (const [k, v] of [['ADDIN_BASE_URL', saved.base], ['ADDIN_OUT_DIR', saved.dir]]) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    rmSync(out, { recursive: true, force: true });
  }
}
const bundleInfo = await commandsBundle();

if (json) {
  console.log(JSON.stringify({ realRefresh: real, refresh: results, byTables, commandsBundle: bundleInfo }, null, 2));
} else {
  console.log('Refresh RAG on the Excel double: the core refresh through the Office shell (5 measure tables); round trips as reads + writes (+ refused)\n');
  const trips = (r) => `${r.syncs} (${r.reads}r+${r.writes}w${r.refused ? `+${r.refused}x` : ''})`;
  console.log(
    table(
      real.map((r) => [
        r.host,
        r.measures.toLocaleString('en-GB'),
        trips(r.first),
        trips(r.steady),
        r.steady.readPath,
        r.steady.operations,
        kb(r.steady.requestBytes),
        kb(r.steady.maxRequestBytes),
        kb(r.steady.responseBytes),
        `${r.first.ms} / ${r.steady.ms} ms`,
      ]),
      ['host', 'measures', 'syncs, first', 'syncs, steady', 'steady read', 'steady ops', 'steady request', 'largest request', 'steady response', 'time (double)'],
    ),
  );
  console.log('\nThe shell alone with a hand-written plan, as a first refresh (5 measure tables, 4 status columns each, exception sheet, saved settings)\n');
  console.log(
    table(
      results.map((r) => [
        r.host,
        r.measures.toLocaleString('en-GB'),
        r.read.syncs + r.write.syncs,
        r.read.syncs,
        r.write.syncs,
        r.read.operations,
        r.write.operations,
        kb(r.read.responseBytes),
        kb(r.write.requestBytes),
        kb(r.write.maxRequestBytes),
        `${r.read.ms + r.write.ms} ms`,
      ]),
      ['host', 'measures', 'syncs', 'read', 'write', 'read ops', 'write ops', 'read response', 'write request', 'largest request', 'time (double)'],
    ),
  );
  console.log('\nOperations grow with tables and columns, not cells (1,000 measures, desktop):\n');
  console.log(table(byTables.map((r) => [String(r.tables), '1,000', r.read.syncs + r.write.syncs, r.read.operations, r.write.operations]), ['tables', 'measures', 'syncs', 'read ops', 'write ops']));
  console.log('\nRibbon command bundle (src/commands/commands.ts, production, loads on every click):');
  console.log(`  ${bundleInfo.tool}: ${kb(bundleInfo.bytes)} minified, ${kb(bundleInfo.gzipBytes)} gzipped (budget ${kb(BUNDLE_BUDGET)}), React in it: ${bundleInfo.react ? 'YES' : 'no'}`);
}
if (bundleInfo.gzipBytes > BUNDLE_BUDGET || bundleInfo.react) process.exitCode = 1;
