/**
 * The library as other Node code installs it: `import { spc } from 'rag-refresh/spc'` (and
 * from 'rag-refresh'), by require and by import, with its types found under both of
 * TypeScript's module resolutions. Builds the library the way `npm run build:lib` does, into
 * a copy of the package in a temporary folder, and uses it from a consumer project there.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../helpers/workbooks';

const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');
const work = mkdtempSync(path.join(tmpdir(), 'rag-lib-'));
const pkg = path.join(work, 'rag-refresh');
const consumer = path.join(work, 'consumer');

beforeAll(() => {
  mkdirSync(pkg, { recursive: true });
  cpSync(path.join(ROOT, 'package.json'), path.join(pkg, 'package.json'));
  // the library build, as `npm run build:lib`, but into the copy
  execFileSync(process.execPath, [TSC, '-p', path.join(ROOT, 'tsconfig.lib.json'), '--outDir', path.join(pkg, 'dist/lib')], { cwd: ROOT, stdio: 'pipe' });
  mkdirSync(path.join(consumer, 'node_modules'), { recursive: true });
  symlinkSync(pkg, path.join(consumer, 'node_modules', 'rag-refresh'), 'dir');
  // the package's own dependencies, as an installed package would find them
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(pkg, 'node_modules'), 'dir');
}, 120_000);

const VIGNETTE = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1];

function node(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: consumer, encoding: 'utf8' }).trim();
}

test('require("rag-refresh/spc") gives the vignette’s limits', () => {
  const out = node(['-e', `const { spc } = require('rag-refresh/spc'); const r = spc({ values: ${JSON.stringify(VIGNETTE)} }); console.log(JSON.stringify([r.points[0].mean, r.points[0].upl, r.variation]))`]);
  const [mean, upl, variation] = JSON.parse(out) as [number, number, string];
  expect(mean).toBeCloseTo(1.94, 2);
  expect(upl).toBeCloseTo(4.6, 1);
  expect(variation).toBe('common_cause');
});

test('import { spc } from "rag-refresh/spc" and import { refresh, spc } from "rag-refresh" work from an ES module', () => {
  const out = node([
    '--input-type=module',
    '-e',
    `import { spc } from 'rag-refresh/spc'; import { refresh, spc as spc2 } from 'rag-refresh'; console.log(typeof spc, typeof spc2, typeof refresh, spc({ values: ${JSON.stringify(VIGNETTE)}, direction: 'decrease' }).assurance)`,
  ]);
  expect(out).toBe('function function function none');
});

test.each(['node16', 'node10'])('the types are found with moduleResolution %s', (resolution) => {
  const file = path.join(consumer, `use-${resolution}.ts`);
  writeFileSync(
    file,
    [
      "import { spc, type SpcOutput } from 'rag-refresh/spc';",
      "import { refresh } from 'rag-refresh';",
      "const out: SpcOutput = spc({ values: [1, 2, 3], direction: 'increase', target: 2 });",
      'export const verdict: string | null = out.variation;',
      'export const run: typeof refresh = refresh;',
      '',
    ].join('\n'),
  );
  const moduleKind = resolution === 'node16' ? 'node16' : 'commonjs';
  const result = (() => {
    try {
      execFileSync(process.execPath, [TSC, '--noEmit', '--strict', '--skipLibCheck', '--module', moduleKind, '--moduleResolution', resolution, '--typeRoots', path.join(ROOT, 'node_modules/@types'), '--types', 'node', file], {
        cwd: consumer,
        encoding: 'utf8',
        stdio: 'pipe',
      });
      return '';
    } catch (e) {
      return String((e as { stdout?: string }).stdout ?? e);
    }
  })();
  expect(result).toBe('');
}, 60_000);
