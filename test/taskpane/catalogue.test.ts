/**
 * Every word of the pane comes from the message catalogue, and a second language is
 * a new catalogue with the same keys.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { enGB, type Catalogue } from '../../src/core/messages';
import { catalogues, getCatalogue, resolveLocale } from '../../src/core/messages/catalogues';

type Tree = { readonly [key: string]: unknown };

/** Problems of `other` against `reference`: missing keys, wrong kinds, placeholders that differ. */
export function catalogueProblems(reference: unknown, other: unknown, path = ''): string[] {
  const problems: string[] = [];
  if (typeof reference === 'string') {
    if (typeof other !== 'string') return [`${path}: missing or not text`];
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
    if (holes(reference) !== holes(other)) problems.push(`${path}: placeholders {${holes(reference)}} but {${holes(other)}}`);
    return problems;
  }
  if (Array.isArray(reference)) {
    if (!Array.isArray(other) || other.length !== reference.length) return [`${path}: expected a list of ${reference.length}`];
    reference.forEach((r, i) => problems.push(...catalogueProblems(r, other[i], `${path}[${i}]`)));
    return problems;
  }
  if (reference && typeof reference === 'object') {
    if (!other || typeof other !== 'object') return [`${path || '(root)'}: missing section`];
    for (const key of Object.keys(reference as Tree)) {
      problems.push(...catalogueProblems((reference as Tree)[key], (other as Tree)[key], path ? `${path}.${key}` : key));
    }
  }
  return problems;
}

function leaves(tree: unknown, path: string[] = []): string[][] {
  if (typeof tree === 'string') return [path];
  if (Array.isArray(tree)) return [path];
  return Object.entries(tree as Tree).flatMap(([k, v]) => leaves(v, [...path, k]));
}

function sources(dir: string): { file: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) return sources(file);
    return /\.tsx?$/.test(name) ? [{ file, text: readFileSync(file, 'utf8') }] : [];
  });
}

const TASKPANE = join(__dirname, '../../src/taskpane');

/** JSX text and label attributes written as literals. */
function hardCodedWords(tsx: string): string[] {
  const found: string[] = [];
  for (const m of tsx.matchAll(/>\s*([^<>{}\n()=&|?:;]*[A-Za-z]{2,}[^<>{}\n()=&|?:;]*?)\s*</g)) found.push(`text "${m[1]}"`);
  for (const m of tsx.matchAll(/\b(label|aria-label|title|placeholder|hint|inheritLabel|confirm|cancel|body)="([^"]*[A-Za-z][^"]*)"/g)) found.push(`${m[1]}="${m[2]}"`);
  return found;
}

describe('message catalogue', () => {
  it('every catalogue provided has every key of en-GB, with the same placeholders', () => {
    for (const [tag, catalogue] of Object.entries(catalogues)) {
      expect({ tag, problems: catalogueProblems(enGB, catalogue) }).toEqual({ tag, problems: [] });
    }
  });

  it('the check finds a missing key, a missing section and a lost placeholder', () => {
    const welsh = JSON.parse(JSON.stringify(enGB)) as { pane: { refresh: Record<string, unknown>; tabs?: unknown }; common: { status: Record<string, string> } };
    delete welsh.pane.refresh.button;
    delete welsh.pane.tabs;
    welsh.pane.refresh.refreshedAt = 'Adnewyddwyd';
    expect(catalogueProblems(enGB, welsh)).toEqual([
      'pane.tabs: missing section',
      'pane.refresh.button: missing or not text',
      'pane.refresh.refreshedAt: placeholders {when} but {}',
    ]);
  });

  it('a second language is chosen at start by locale, falling back to en-GB', () => {
    const cy = JSON.parse(JSON.stringify(enGB)) as Catalogue;
    const available = { 'en-GB': enGB, cy };
    expect(resolveLocale('cy-GB', available)).toBe('cy');
    expect(getCatalogue('cy', available)).toBe(cy);
    expect(resolveLocale('en-US', available)).toBe('en-GB');
    expect(resolveLocale('fr-FR', available)).toBe('en-GB');
    expect(resolveLocale(null, available)).toBe('en-GB');
    expect(getCatalogue('cy-GB')).toBe(enGB); // no Welsh catalogue is provided yet
  });

  it('every text of the pane section is used by the pane', () => {
    const code = sources(TASKPANE).map((s) => s.text).join('\n');
    // sections looked up by a value (m.tabs[tab], m.progress[phase], roles[role]...)
    const dynamic = ['tabs', 'progress', 'issueSeverity', 'compare', 'forecast', 'forecastHints', 'overall', 'overallHints', 'presets', 'levels', 'roles', 'layout', 'what', 'whatScope', 'changeLogBySource', 'months', 'invalid', 'measures', 'tables', 'changes', 'edits', 'recorded', 'measureCount'];
    const unused = leaves(enGB.pane, ['pane']).filter((path) => {
      const leaf = path[path.length - 1]!;
      if (path.slice(1, -1).some((p) => dynamic.includes(p))) return false;
      return !new RegExp(`\\.${leaf}\\b`).test(code);
    });
    expect(unused.map((p) => p.join('.'))).toEqual([]);
  });

  it('no words are written into the pane’s components: text and labels come from the catalogue', () => {
    expect(hardCodedWords('<Text>Refresh now</Text> <Field label="Tolerance">')).toEqual(['text "Refresh now"', 'label="Tolerance"']);
    expect(hardCodedWords('<Text>{m.refresh.button}</Text> {a > b && (x < y)}')).toEqual([]);
    const found = sources(TASKPANE)
      .filter((s) => s.file.endsWith('.tsx'))
      .flatMap(({ file, text }) => hardCodedWords(text).map((w) => `${file}: ${w}`));
    expect(found).toEqual([]);
  });
});
