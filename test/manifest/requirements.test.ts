/**
 * The manifest declares the lowest ExcelApi requirement set that covers every
 * Excel API member the Office shell and the ribbon command use; anything newer
 * must sit behind a run-time capability guard (isSetSupported).
 */
import * as fs from 'fs';
import * as path from 'path';
import { XMLParser } from 'fast-xml-parser';
import { DECLARED_EXCEL_API, OPTIONAL_FEATURES, detectCapabilities } from '../../src/workbook/office/features';
import { compareVersions } from '../office/api-sets';
import { findApiUses, implementedMembers, type ApiUse } from './api-usage';

const ROOT = path.join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && /\.tsx?$/.test(d.name))
    .map((d) => path.join(d.parentPath ?? (d as unknown as { path: string }).path, d.name));
}

const SHELL_FILES = [...sourceFiles('src/workbook/office'), ...sourceFiles('src/commands')];
let uses: ApiUse[] = [];

beforeAll(() => {
  uses = findApiUses(SHELL_FILES);
});

function problemsOf(list: ApiUse[]): string[] {
  const out: string[] = [];
  for (const u of list) {
    const where = `${u.file}:${u.line} ${u.member} (${u.info.tag ?? 'no set'})`;
    if (u.info.platformOnly && !u.guard) out.push(`${where} exists only on one platform`);
    const set = u.info.excelApi;
    if (!set || compareVersions(set, DECLARED_EXCEL_API) <= 0) continue;
    if (!u.guard) out.push(`${where} needs ExcelApi ${set} > declared ${DECLARED_EXCEL_API} and is not behind a caps.<feature> guard`);
    else {
      const feature = OPTIONAL_FEATURES[u.guard as keyof typeof OPTIONAL_FEATURES];
      if (!feature) out.push(`${where} is guarded by unknown capability ${u.guard}`);
      else if (compareVersions(set, feature) > 0) out.push(`${where} needs ExcelApi ${set} but its guard ${u.guard} checks only ${feature}`);
    }
  }
  return out;
}

test('the analysis sees the shell’s Excel calls', () => {
  const members = new Set(uses.map((u) => u.member));
  for (const m of ['Range.values', 'Range.numberFormat', 'ConditionalFormatCollection.add', 'Application.suspendApiCalculationUntilNextSync', 'TableColumnCollection.add', 'RangeHyperlink.documentReference', 'PageLayout.setPrintTitleRows', 'Worksheet.visibility']) {
    expect(members).toContain(m);
  }
});

test('every member newer than the declared set is behind a capability guard at least as new', () => {
  expect(problemsOf(uses)).toEqual([]);
});

test('the declared set is the lowest that covers the unguarded uses', () => {
  const unguarded = uses.filter((u) => !u.guard && u.info.excelApi).map((u) => u.info.excelApi as string);
  const max = unguarded.sort(compareVersions)[unguarded.length - 1];
  expect(max).toBe(DECLARED_EXCEL_API);
  const needing = uses.filter((u) => !u.guard && u.info.excelApi === DECLARED_EXCEL_API).map((u) => u.member);
  expect(needing.length).toBeGreaterThan(0);
});

test('the manifest declares that set', () => {
  const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8'));
  const sets = [xml.OfficeApp.Requirements.Sets.Set].flat();
  expect(sets).toEqual([{ '@Name': 'ExcelApi', '@MinVersion': DECLARED_EXCEL_API }]);
});

test('each optional feature is switched on by isSetSupported for its own set', () => {
  const asked: string[] = [];
  const caps = detectCapabilities((name, v) => {
    asked.push(`${name} ${v}`);
    return compareVersions(v ?? '0', '1.9') <= 0;
  });
  expect(caps).toEqual({ printSetup: true, hiddenRowsColumns: true, cellProperties: true, merges: false, tableResize: false });
  expect(asked.sort()).toEqual(Object.values(OPTIONAL_FEATURES).map((v) => `ExcelApi ${v}`).sort());
});

test('the test double implements every Excel proxy member the shell uses', () => {
  const implemented = implementedMembers(path.join(ROOT, 'test/office/double/excel-double.ts'));
  const missing = [...new Set(uses.filter((u) => u.info.isClass).map((u) => u.member))].filter((m) => !implemented.has(m));
  expect(missing).toEqual([]);
});

describe('the analysis itself', () => {
  const fixture = (body: string) => {
    const file = path.join(ROOT, 'test/manifest/__fixture__.ts');
    return findApiUses([], {
      [file]: `import type { Capabilities } from '../../src/workbook/office/features';\nexport function f(ws: Excel.Worksheet, r: Excel.Range, caps: Capabilities) {\n${body}\n}\n`,
    });
  };

  test('an unguarded call from a newer set is reported', () => {
    const list = fixture(`ws.pageLayout.orientation = 'Landscape';`);
    expect(problemsOf(list).length).toBeGreaterThan(0);
  });

  test('a guard for an older feature than the member needs is reported', () => {
    const list = fixture(`if (caps.printSetup) { r.getMergedAreasOrNullObject(); }`);
    expect(problemsOf(list)).toEqual([expect.stringContaining('its guard printSetup checks only 1.9')]);
  });

  test('if / else on a negated guard, ?: and && guards are understood', () => {
    const list = fixture(
      `if (!caps.cellProperties) { r.values = [[1]]; } else { r.setCellProperties([[{}]]); }\n` +
        `const a = caps.merges ? r.getMergedAreasOrNullObject() : null;\n` +
        `const b = caps.hiddenRowsColumns && r.getSpecialCellsOrNullObject('Visible');\n` +
        `const h: Excel.RangeHyperlink = { documentReference: 'A1' };`,
    );
    expect(problemsOf(list)).toEqual([]);
    expect(list.find((u) => u.member === 'Range.setCellProperties')?.guard).toBe('cellProperties');
    expect(list.find((u) => u.member === 'RangeHyperlink.documentReference')?.info.excelApi).toBe('1.7');
  });
});
