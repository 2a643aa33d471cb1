/**
 * Browser tests' plumbing: a production build of the pane (made when missing or
 * older than its sources), a tiny static server on localhost, Debian's Chromium
 * through playwright-core with every request off localhost refused, and axe-core.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = resolve(__dirname, '../..');
/** Where the browser tests and scripts/bench-pane.mjs build the pane (apart from `npm run build`'s dist/addin, so neither spoils the other). */
export const BUILD_DIR = join(ROOT, 'dist', 'pane');
export const SCREENSHOTS = join(ROOT, 'test-output', 'screenshots');
export const DOWNLOADS = join(ROOT, 'test-output', 'downloads');
export const SAMPLE = join(ROOT, 'examples', 'sample-return.xlsx');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Chromium is there; else CI fails loudly and elsewhere the tests skip with a message. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const message = `Browser tests need Chromium at ${CHROMIUM} (Debian: apt-get install chromium, or set CHROMIUM_PATH).`;
  if (process.env.CI) throw new Error(`${message} CI is set, so this is a failure, not a skip.`);
  console.warn(`SKIPPED: ${message}`);
  return false;
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

const STAMP = join(BUILD_DIR, '.built');
const SOURCES = ['src', 'assets', 'package.json', 'package-lock.json', 'webpack.config.js', 'manifest.xml', 'tsconfig.json'];

/** Builds the pane with webpack (production) when the build is missing or older than any source. */
export function ensureBuild(): void {
  const lock = join(ROOT, 'dist', '.pane-build.lock');
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  // one build at a time (a mkdir is atomic)
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() - started > 10 * 60_000) rmSync(lock, { recursive: true, force: true });
      execFileSync(process.execPath, ['-e', 'setTimeout(() => {}, 500)']);
    }
  }
  try {
    const built = existsSync(STAMP) ? statSync(STAMP).mtimeMs : 0;
    const sources = Math.max(...SOURCES.map((s) => newestMtime(join(ROOT, s))));
    if (built > sources && existsSync(join(BUILD_DIR, 'taskpane.html'))) return;
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'webpack-cli', 'bin', 'cli.js'), '--mode', 'production'], {
      cwd: ROOT,
      env: { ...process.env, ADDIN_OUT_DIR: BUILD_DIR, ADDIN_BASE_URL: 'https://localhost:3000/' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    writeFileSync(STAMP, new Date().toISOString());
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.json': 'application/json',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface StaticServer {
  url: string;
  /** Paths requested, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** Serves a folder on 127.0.0.1 (a free port). */
export async function serve(dir: string): Promise<StaticServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    requests.push(path);
    const file = normalize(join(dir, path === '/' ? 'taskpane.html' : path));
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * What the request for Office.js gets: refused ('unreachable'), no answer ever ('hang': a
 * network that hangs), the browser's Office.js ('browser'), or the script given, sent once
 * `after` resolves when there is one (Office.js arriving late).
 */
export type OfficeScript = 'unreachable' | 'hang' | 'browser' | { body: string; after?: Promise<unknown> };

/**
 * A browser context where nothing leaves localhost. Office.js (Microsoft's CDN) is
 * 'unreachable' (offline, blocked), or answers as it does in a browser outside Office
 * ('browser': Office.onReady reports no host), or is the script given.
 */
export async function newContext(browser: Browser, options: { office?: OfficeScript; colorScheme?: 'light' | 'dark'; width?: number; height?: number } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 320, height: options.height ?? 900 },
    colorScheme: options.colorScheme ?? 'light',
    acceptDownloads: true,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    // Fluent's motion follows it: dialogs and panels appear at once (steady screenshots, axe sees final colours)
    reducedMotion: 'reduce',
  });
  const office = options.office ?? 'unreachable';
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, async (route) => {
    const url = route.request().url();
    if (url.includes('appsforoffice.microsoft.com') && office !== 'unreachable') {
      // never answered: the request stays open while the page goes on
      if (office === 'hang') return;
      const body =
        office === 'browser'
          ? 'window.Office = { onReady: function () { return Promise.resolve({ host: null, platform: null }); }, context: {} };'
          : office.body;
      if (office !== 'browser' && office.after) await office.after;
      await route.fulfill({ status: 200, contentType: 'text/javascript', body });
      return;
    }
    await route.abort('internetdisconnected');
  });
  // every Content Security Policy violation the pages raise, for cspViolations()
  await context.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__cspViolations.push(`${e.effectiveDirective}: ${e.blockedURI || '(inline)'}${e.sourceFile ? ` from ${e.sourceFile}:${e.lineNumber}` : ''}`);
    });
  });
  return context;
}

/** The Content Security Policy violations the page has raised ('securitypolicyviolation' events). */
export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? ['(no listener)']);
}

/** Errors the page raised or logged, apart from the refused Office.js request (expected offline). */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const text = m.text();
    const where = m.location().url;
    if (/ERR_INTERNET_DISCONNECTED|ERR_FAILED/.test(text) && (where.includes('appsforoffice') || text.includes('appsforoffice'))) return;
    if (/Failed to load resource: net::ERR_INTERNET_DISCONNECTED/.test(text)) return;
    errors.push(`console: ${text}`);
  });
  return errors;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string; failureSummary?: string }[];
}

/**
 * Fluent's focus manager (tabster) puts aria-hidden "dummy" elements with tabindex 0
 * around focus groups: they pass focus on the moment they get it. axe reports them
 * under aria-hidden-focus; Microsoft documents this as a false positive and its own
 * checker (Accessibility Insights) leaves them out (microsoft/tabster#288,
 * microsoft/accessibility-insights-web#7605). Only those nodes are left out here.
 */
function isTabsterDummy(v: AxeViolation, node: AxeViolation['nodes'][number]): boolean {
  return v.id === 'aria-hidden-focus' && /data-tabster-dummy/.test(node.html);
}

/** Runs axe-core on the page (WCAG 2.1 A and AA); returns the serious and critical violations. */
export async function axeSerious(page: Page): Promise<string[]> {
  // colours mid-transition (a button turning from primary to secondary) are not what anyone reads: let them finish
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  // evaluated through the DevTools protocol, not added as an inline <script>: the page's CSP refuses those
  if (!loaded) await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations;
  })) as AxeViolation[];
  return violations
    .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !isTabsterDummy(v, n)) }))
    .filter((v) => v.nodes.length > 0)
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')}`);
}

export function ensureDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}
