/**
 * The production build: every URL and icon dist/addin/manifest.xml names is a
 * file the build produced, under ADDIN_BASE_URL, with no localhost left; the
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

test('the ribbon command’s bundle has no React and is under 120 KB gzipped', () => {
  const js = fs.readFileSync(path.join(out, 'commands.js'));
  const text = js.toString('utf8');
  expect(text).not.toMatch(/react\.production|__SECRET_INTERNALS|react-dom/);
  expect(zlib.gzipSync(js).length).toBeLessThan(120 * 1024);
});
