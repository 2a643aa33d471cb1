#!/usr/bin/env node
// Figures for the side pane (issue #5), printed, never asserted:
//   - the production pane's initial JavaScript, minified and gzipped (Office.js and the
//     lazily loaded file-shell chunk left out: they are listed apart);
//   - in Chromium, the time from opening the built page to an interactive pane;
//   - the time from choosing examples/sample-return.xlsx to seeing its counts.
//
//   node scripts/bench-pane.mjs [--runs N]
//
// Builds the pane (webpack, production, into dist/pane) when that build is missing or
// older than its sources. Serves it on 127.0.0.1; nothing leaves the machine (Office.js
// from Microsoft's CDN is refused, as offline: the page runs in file mode).
/* global window, document, performance, MutationObserver -- functions passed to page.evaluate run in the browser */
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const BUILD_DIR = join(ROOT, 'dist', 'pane');
const STAMP = join(BUILD_DIR, '.built');
const SAMPLE = join(ROOT, 'examples', 'sample-return.xlsx');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SOURCES = ['src', 'assets', 'package.json', 'package-lock.json', 'webpack.config.js', 'manifest.xml', 'tsconfig.json'];
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Math.max(1, Number(process.argv[runsArg + 1]) || 5) : 5;

function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((n) => newest(join(path, n))));
}

function ensureBuild() {
  const built = existsSync(STAMP) ? statSync(STAMP).mtimeMs : 0;
  if (built > Math.max(...SOURCES.map((s) => newest(join(ROOT, s)))) && existsSync(join(BUILD_DIR, 'taskpane.html'))) return false;
  mkdirSync(BUILD_DIR, { recursive: true });
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'webpack-cli', 'bin', 'cli.js'), '--mode', 'production'], {
    cwd: ROOT,
    env: { ...process.env, ADDIN_OUT_DIR: BUILD_DIR, ADDIN_BASE_URL: 'https://localhost:3000/' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  writeFileSync(STAMP, new Date().toISOString());
  return true;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n) => `${Math.round(n)} ms`;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
function sizes(files) {
  let min = 0;
  let gz = 0;
  for (const f of files) {
    const bytes = readFileSync(join(BUILD_DIR, f));
    min += bytes.length;
    gz += gzipSync(bytes, { level: 9 }).length;
  }
  return { min, gz };
}

function serve(dir) {
  const requests = [];
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.png': 'image/png' };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    requests.push(path);
    const file = normalize(join(dir, path === '/' ? 'taskpane.html' : path));
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, requests, url: `http://127.0.0.1:${server.address().port}/` })));
}

const rebuilt = ensureBuild();
console.log(`RAG Refresh pane — production build in dist/pane${rebuilt ? ' (just built)' : ''}`);

// The JavaScript the page's HTML loads (Office.js is Microsoft's, from its CDN: left out).
const html = readFileSync(join(BUILD_DIR, 'taskpane.html'), 'utf8');
const initial = [...html.matchAll(/<script[^>]*\bsrc=["']?([^"' >]+)/g)].map((m) => m[1]).filter((src) => !/^https?:/.test(src));
const lazy = readdirSync(BUILD_DIR).filter((f) => f.endsWith('.js') && !initial.includes(f) && !['commands.js', 'notice.js'].includes(f));

let chromium = null;
if (existsSync(CHROMIUM)) {
  ({ chromium } = await import('playwright-core'));
} else {
  console.log(`  (no Chromium at ${CHROMIUM}: timings skipped; set CHROMIUM_PATH)`);
}

let loadedAtStart = initial;
let loadedOnOpen = null;
const opens = [];
const readies = [];
const toCounts = [];
const openParts = [];
const refreshParts = [];
if (chromium) {
  const { server, requests, url } = await serve(BUILD_DIR);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 320, height: 900 }, locale: 'en-GB' });
      await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort('internetdisconnected'));
      const page = await context.newPage();
      const before = requests.length;
      await page.goto(`${url}taskpane.html`);
      await page.getByRole('button', { name: 'Open a workbook' }).waitFor();
      await page.waitForFunction(() => performance.getEntriesByName('rag-refresh:pane-ready').length > 0);
      const ready = await page.evaluate(() => performance.getEntriesByName('rag-refresh:pane-ready')[0].startTime);
      readies.push(ready);
      if (run === 0) loadedAtStart = requests.slice(before).filter((p) => p.endsWith('.js')).map((p) => p.replace(/^\//, ''));
      // In the page: note when the file is chosen, press Refresh RAG the moment it can be
      // pressed, and note when the counts appear (no round trips to this script in between).
      await page.evaluate(() => {
        const w = window;
        w.__bench = {};
        document.addEventListener('change', () => (w.__bench.chosen ??= performance.now()), true);
        new MutationObserver(() => {
          const b = w.__bench;
          if (b.chosen === undefined) return;
          const refresh = document.querySelector('[data-testid="refresh-button"]');
          if (b.opened === undefined && document.querySelector('[data-testid="file-name"]') && refresh && !refresh.disabled) {
            b.opened = performance.now();
            refresh.click();
          }
          // the written result (the statuses shown on opening are headed "not yet written")
          if (b.counts === undefined && document.querySelector('[data-testid="refresh-result"] [data-testid="status-counts"]')) b.counts = performance.now();
        }).observe(document.body, { subtree: true, childList: true, attributes: true });
      });
      await page.locator('input[type=file]').setInputFiles(SAMPLE);
      await page.waitForFunction(() => window.__bench.counts !== undefined, null, { timeout: 60_000 });
      const b = await page.evaluate(() => window.__bench);
      if (run === 0) loadedOnOpen = [...new Set(requests.slice(before).filter((p) => p.endsWith('.js')).map((p) => p.replace(/^\//, '')))].filter((f) => !loadedAtStart.includes(f));
      toCounts.push(b.counts - b.chosen);
      openParts.push(b.opened - b.chosen);
      refreshParts.push(b.counts - b.opened);
      opens.push(ready);
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
}

const start = sizes(loadedAtStart);
console.log(`  initial JavaScript (${loadedAtStart.join(', ')}): ${kb(start.min)} minified, ${kb(start.gz)} gzipped — aim: under 250 KB gzipped`);
// chunks loaded later: the engine (the core's rules) when a workbook is first read; the
// file shell when a file is opened in a browser; the Office shell in Excel only
const onOpen = loadedOnOpen ?? lazy.filter((f) => f !== 'office-host.js');
const rest = lazy.filter((f) => !onOpen.includes(f));
const opened = sizes(onOpen);
console.log(`  loaded when a workbook is opened in a browser (${onOpen.join(', ')}): ${kb(opened.min)} minified, ${kb(opened.gz)} gzipped`);
for (const f of rest) {
  const one = sizes([f]);
  console.log(`  ${f}${f === 'office-host.js' ? ' (inside Excel only)' : ''}: ${kb(one.min)} minified, ${kb(one.gz)} gzipped`);
}
if (readies.length) {
  const list = (xs) => xs.map(ms).join(', ');
  console.log(`  page opened → pane interactive (Refresh RAG shown, Open a workbook enabled), Chromium, Office.js unreachable:`);
  console.log(`    median ${ms(median(readies))} over ${readies.length} runs (${list(readies)})`);
  console.log(`  sample-return.xlsx chosen → its counts shown (open + Refresh RAG, read, work out, write):`);
  console.log(`    median ${ms(median(toCounts))} (open ${ms(median(openParts))} + refresh ${ms(median(refreshParts))}) over ${toCounts.length} runs (${list(toCounts)})`);
}
