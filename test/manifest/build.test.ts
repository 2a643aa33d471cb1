/**
 * The production build: every URL and icon dist/addin/manifest.xml names is a
 * file the build produced, under ADDIN_BASE_URL, with no localhost left; every page
 * carries its Content Security Policy; the pane loads Office.js async; the
 * ribbon command's bundle carries no React and stays small.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import webpack from 'webpack';

const ROOT = path.join(__dirname, '..', '..');
const BASE = 'https://addins.example.gov.uk/rag-refresh/';
let out = '';

beforeAll(async () => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'rag-addin-'));
  const saved = { base: process.env.ADDIN_BASE_URL, dir: process.env.ADDIN_OUT_DIR };
  process.env.ADDIN_BASE_URL = BASE;
  process.env.ADDIN_OUT_DIR = out;
  try {
    const makeConfig = require(path.join(ROOT, 'webpack.config.js')) as (env: object, options: object) => Promise<webpack.Configuration>;
    const config = await makeConfig({ WEBPACK_BUILD: true }, { mode: 'production' });
    const stats = await new Promise<webpack.Stats>((resolve, reject) =>
      webpack({ ...config, mode: 'production', context: ROOT }, (err, s) => (err || !s ? reject(err) : resolve(s))),
    );
    if (stats.hasErrors()) throw new Error(stats.toString({ all: false, errors: true }));
  } finally {
    process.env.ADDIN_BASE_URL = saved.base;
    process.env.ADDIN_OUT_DIR = saved.dir;
    if (saved.base === undefined) delete process.env.ADDIN_BASE_URL;
    if (saved.dir === undefined) delete process.env.ADDIN_OUT_DIR;
  }
}, 180_000);

afterAll(() => {
  if (out) fs.rmSync(out, { recursive: true, force: true });
});

test('the production manifest names only files the build produced, at the production address', () => {
  const manifest = fs.readFileSync(path.join(out, 'manifest.xml'), 'utf8');
  expect(manifest).not.toContain('localhost');
  const urls = [...manifest.matchAll(/DefaultValue="(https?:[^"]+)"/g)].map((m) => m[1]);
  expect(urls.length).toBeGreaterThan(5);
  for (const url of urls) {
    expect(url.startsWith(BASE)).toBe(true);
    expect(fs.existsSync(path.join(out, url.slice(BASE.length)))).toBe(true);
  }
});

test('each page loads Office.js and its own bundle; the notice page the ribbon opens is there too', () => {
  for (const [page, bundle] of [
    ['commands.html', 'commands.js'],
    ['taskpane.html', 'taskpane.js'],
    ['notice.html', 'notice.js'],
  ]) {
    const html = fs.readFileSync(path.join(out, page), 'utf8');
    expect(html).toContain('https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
    expect(html).toMatch(new RegExp(`src=["']?${bundle.replace('.', '\\.')}["' >]`));
    expect(fs.existsSync(path.join(out, bundle))).toBe(true);
  }
});

/** The Content Security Policy a built page carries in its <meta http-equiv>, as directive → sources. */
function cspOf(html: string): Map<string, string[]> | null {
  const meta = /<meta\s[^>]*http-equiv=["']?Content-Security-Policy["']?[^>]*>/i.exec(html)?.[0];
  const content = meta && /content=(?:"([^"]*)"|'([^']*)')/i.exec(meta);
  if (!content) return null;
  return new Map(
    (content[1] ?? content[2] ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name!.toLowerCase(), sources]),
  );
}

test('each page carries a Content Security Policy: scripts from itself and Office.js’s CDN only, no eval, nothing else fetched, framed or embedded', () => {
  for (const page of ['taskpane.html', 'commands.html', 'notice.html']) {
    const html = fs.readFileSync(path.join(out, page), 'utf8');
    const csp = cspOf(html);
    expect({ page, csp: csp !== null }).toEqual({ page, csp: true });
    // before anything it governs: the first script or style comes after it
    const at = html.search(/<meta\s[^>]*http-equiv=["']?Content-Security-Policy/i);
    const firstResource = html.search(/<(script|style|link)\b/i);
    expect({ page, first: at < firstResource }).toEqual({ page, first: true });
    expect({ page, policy: Object.fromEntries(csp!) }).toEqual({
      page,
      policy: expect.objectContaining({
        'default-src': ["'self'"],
        // Office.js itself, and Microsoft's AJAX CDN that Office.js loads scripts from (OfficeDev/office-js#1005)
        'script-src': ["'self'", 'https://appsforoffice.microsoft.com', 'https://ajax.aspnetcdn.com'],
        'style-src': ["'self'", "'unsafe-inline'"],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
      }),
    });
    expect({ page, eval: [...csp!.values()].flat().filter((v) => /unsafe-eval|wasm-unsafe-eval|\*/.test(v)) }).toEqual({ page, eval: [] });
    // every script the page names is allowed by it
    for (const src of [...html.matchAll(/<script\b[^>]*\bsrc=["']?([^"' >]+)/gi)].map((m) => m[1]!)) {
      expect({ page, src, allowed: !/^[a-z]+:/i.test(src) || src.startsWith('https://appsforoffice.microsoft.com/') }).toEqual({ page, src, allowed: true });
    }
    expect({ page, inlineScript: /<script\b(?![^>]*\bsrc=)[^>]*>\s*\S/i.test(html) }).toEqual({ page, inlineScript: false });
  }
});

test('the pane loads Office.js async (a request that hangs does not hold the page), the ribbon’s pages before their bundle', () => {
  const officeTag = (page: string) => /<script\b[^>]*appsforoffice\.microsoft\.com[^>]*>/i.exec(fs.readFileSync(path.join(out, page), 'utf8'))?.[0] ?? '';
  expect(officeTag('taskpane.html')).toMatch(/\basync\b/);
  expect(officeTag('taskpane.html')).toMatch(/\bid=["']?office-js\b/);
  for (const page of ['commands.html', 'notice.html']) expect({ page, tag: /\b(async|defer)\b/.test(officeTag(page)) }).toEqual({ page, tag: false });
});

test('zod is told not to use eval in the pane’s and the ribbon command’s bundles (the browser tests see no eval tried)', () => {
  for (const bundle of ['taskpane.js', 'commands.js']) {
    const js = fs.readFileSync(path.join(out, bundle), 'utf8');
    expect({ bundle, jitless: /\(\{\s*jitless:\s*(!0|true)\s*\}\)/.test(js) }).toEqual({ bundle, jitless: true });
  }
});

test('the ribbon command’s bundle has no React and is under 120 KB gzipped', () => {
  const js = fs.readFileSync(path.join(out, 'commands.js'));
  const text = js.toString('utf8');
  expect(text).not.toMatch(/react\.production|__SECRET_INTERNALS|react-dom/);
  expect(zlib.gzipSync(js).length).toBeLessThan(120 * 1024);
});
