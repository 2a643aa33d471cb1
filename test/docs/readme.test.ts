/** The README is part of the product: its first commands, its configuration examples and its links are checked. */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { validateConfig } from '../../src/core/config/resolve';
import { USAGE } from '../../src/cli/args';
import { ROOT } from '../helpers/workbooks';

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

function codeBlocks(lang: string): string[] {
  const out: string[] = [];
  const re = new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g');
  for (let m = re.exec(readme); m; m = re.exec(readme)) out.push(m[1]!);
  return out;
}

describe('README', () => {
  test('opens with exactly two commands: install and run the demo, run the tests', () => {
    const first = /```(\w*)\n([\s\S]*?)```/.exec(readme)!;
    expect(readme.indexOf(first[0])).toBeLessThan(readme.indexOf('\n## '));
    expect(first[2].trim().split('\n')).toEqual(['npm install && npm run demo', 'npm test']);
    expect(pkg.scripts.demo).toBeDefined();
    expect(pkg.scripts.test).toBeDefined();
  });

  test('every configuration example is valid', () => {
    const examples = codeBlocks('json');
    expect(examples.length).toBeGreaterThan(0);
    for (const text of examples) {
      const result = validateConfig(JSON.parse(text));
      expect(result.ok ? [] : result.errors).toEqual([]);
    }
  });

  test('documents every top-level and settings key of the configuration', () => {
    const example = JSON.parse(codeBlocks('json')[0]!) as Record<string, Record<string, unknown>>;
    for (const key of ['settings', 'tables', 'measures', 'output', 'detection']) expect(example).toHaveProperty(key);
    for (const key of ['tolerance', 'polarity', 'inferPolarityFromName', 'brag', 'directionOfTravel', 'forecast', 'statisticalTrend', 'overallRag']) {
      expect(readme).toContain(`\`${key}`);
    }
  });

  test('names every option the command line takes', () => {
    const options = [...USAGE.matchAll(/--[a-z-]+/g)].map((m) => m[0]);
    expect(options.length).toBeGreaterThan(5);
    for (const option of options) expect(readme).toContain(option);
  });

  test('every local link and picture exists', () => {
    const links = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:/.test(l));
    expect(links.length).toBeGreaterThan(3);
    for (const link of links) expect([link, existsSync(path.join(ROOT, link))]).toEqual([link, true]);
  });
});
