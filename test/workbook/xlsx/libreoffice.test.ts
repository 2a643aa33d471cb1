/**
 * A second opinion from another spreadsheet program: LibreOffice opens each
 * patched workbook headlessly and exports every sheet to CSV. The statuses,
 * the exception sheet and the settings must be there, and the user's sheets
 * (a pivot table LibreOffice recomputes from its cache included) must read as
 * before. Skipped, with a message, where LibreOffice is not installed.
 */
import { execFileSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { applyPlan } from '../../../src/workbook/xlsx/apply';
import { readWorkbook } from '../../../src/workbook/xlsx/read';
import { pivotWorkbook, scorecardWorkbook } from '../../fixtures/xlsx/fixtures';
import { CHARTS_FIXTURE, fileFixture, realWorkbooks } from './helpers';
import { EXCEPTION_NAME, clearPlan, representativePlan } from './plans';

function findSoffice(): string | null {
  for (const p of ['/usr/bin/soffice', '/usr/local/bin/soffice', '/usr/lib/libreoffice/program/soffice', '/opt/libreoffice/program/soffice']) {
    if (existsSync(p)) return p;
  }
  try {
    return execFileSync('which', ['soffice'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

const soffice = findSoffice();
if (!soffice) {
  const message = 'LibreOffice (soffice) is not installed (Debian: apt-get install libreoffice-calc-nogui)';
  // .ci/run installs it: under CI a missing LibreOffice is a failure, not a skip.
  if (process.env.CI) throw new Error(`${message}; CI is set, so this is a failure, not a skip.`);
  console.warn(`SKIPPED: ${message}: the LibreOffice round-trip tests are skipped.`);
}
const maybe = soffice ? describe : describe.skip;

/** A workbook as LibreOffice's flat XML (its own reading of the conditional formats and their styles). */
function toFods(bytes: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'rag-lo-'));
  try {
    const input = join(dir, 'book.xlsx');
    writeFileSync(input, bytes);
    execFileSync(soffice!, [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'fods', '--outdir', dir, input], {
      stdio: 'pipe',
      timeout: 240000,
    });
    return readFileSync(join(dir, 'book.fods'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every sheet of every workbook as CSV text, by workbook and sheet name. */
function toCsv(files: { name: string; bytes: Uint8Array }[]): Map<string, Map<string, string>> {
  const dir = mkdtempSync(join(tmpdir(), 'rag-lo-'));
  try {
    const inputs = files.map((f) => {
      const p = join(dir, `${f.name}.xlsx`);
      writeFileSync(p, f.bytes);
      return p;
    });
    // All sheets (the last token, -1), UTF-8 (76), comma separated, quoted text; a private profile so runs do not collide.
    execFileSync(
      soffice!,
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
        '--outdir',
        join(dir, 'out'),
        ...inputs,
      ],
      { stdio: 'pipe', timeout: 240000 },
    );
    const out = new Map<string, Map<string, string>>();
    for (const f of files) {
      const sheets = new Map<string, string>();
      for (const csv of readdirSync(join(dir, 'out'))) {
        if (csv.startsWith(`${f.name}-`) && csv.endsWith('.csv')) sheets.set(csv.slice(f.name.length + 1, -4), readFileSync(join(dir, 'out', csv), 'utf8'));
      }
      out.set(f.name, sheets);
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

maybe('LibreOffice opens the patched workbooks', () => {
  const sources = [
    ...realWorkbooks().map((w) => ({ name: w.name.replace(/\.xlsx$/, ''), bytes: w.bytes })),
    { name: 'charts', bytes: fileFixture(CHARTS_FIXTURE) },
    { name: 'pivot', bytes: pivotWorkbook() },
    { name: 'scorecard', bytes: scorecardWorkbook() },
  ];
  const patched = sources.map((s) => {
    const wb = readWorkbook(s.bytes);
    const r = representativePlan(wb.snapshot, { structureLocked: wb.pkg.structureLocked });
    const out = applyPlan(wb.pkg, r.plan);
    const cleared = applyPlan(readWorkbook(out).pkg, clearPlan(r.plan, r.tableOriginal));
    return { ...s, blocks: r.blocks, summary: r.plan.exceptionSheet !== null, out, cleared };
  });
  let csv: Map<string, Map<string, string>>;
  beforeAll(() => {
    csv = toCsv([
      ...sources.map((s) => ({ name: `${s.name}.orig`, bytes: s.bytes })),
      ...patched.map((p) => ({ name: `${p.name}.patched`, bytes: p.out })),
      ...patched.map((p) => ({ name: `${p.name}.cleared`, bytes: p.cleared })),
    ]);
  }, 300000);

  it.each(patched.map((p) => [p.name, p] as const))('%s: the statuses, the summary and the settings are there', (_n, p) => {
    const sheets = csv.get(`${p.name}.patched`)!;
    for (const b of p.blocks) {
      const text = sheets.get(b.sheet);
      expect(text).toBeDefined();
      expect(text).toContain('RAG status');
      expect(text).toContain('Red');
      expect(text).toContain('↑ Improved');
      // Text that looks like a formula stays text.
      expect(text).not.toContain('example.com","x")\n');
    }
    if (!p.summary) return;
    expect(sheets.get(EXCEPTION_NAME)).toContain('Exception report');
    expect(sheets.get(EXCEPTION_NAME)).toContain("O'Brien's measure & more");
    expect(sheets.get('RAGRefresh_Settings')).toContain('RAG Refresh saved settings');
  });

  it.each(patched.map((p) => [p.name, p] as const))('%s: the user\'s other sheets read as before, and Clear gives them all back', (_n, p) => {
    const orig = csv.get(`${p.name}.orig`)!;
    const after = csv.get(`${p.name}.patched`)!;
    const cleared = csv.get(`${p.name}.cleared`)!;
    expect(orig.size).toBeGreaterThan(0);
    for (const [sheet, text] of orig) {
      if (!p.blocks.some((b) => b.sheet === sheet)) expect([sheet, after.get(sheet)]).toEqual([sheet, text]);
      expect([sheet, cleared.get(sheet)]).toEqual([sheet, text]);
    }
    expect([...cleared.keys()].sort()).toEqual([...orig.keys()].sort());
  });

  it('reads the conditional formats as rules on the status columns, with their colours', () => {
    const p = patched.find((x) => x.name === 'scorecard')!;
    const fods = toFods(p.out);
    const formats = [...fods.matchAll(/<calcext:conditional-format calcext:target-range-address="([^"]*)">([\s\S]*?)<\/calcext:conditional-format>/g)].map((m) => ({
      range: m[1],
      conditions: [...m[2].matchAll(/calcext:apply-style-name="([^"]*)" calcext:value="([^"]*)"/g)].map((c) => ({ style: c[1], value: c[2] })),
    }));
    const block = p.blocks.find((b) => !b.tableName)!;
    const col = (j: number) => String.fromCharCode(65 + block.firstCol + j);
    const rag = formats.find((f) => f.range === `Scorecard.${col(0)}${block.firstDataRow + 1}:Scorecard.${col(0)}${block.lastDataRow + 1}`)!;
    expect(rag.conditions.map((c) => c.value)).toEqual(['=&quot;Red&quot;', '=&quot;Amber&quot;', '=&quot;Green&quot;']);
    const dir = formats.find((f) => f.range === `Scorecard.${col(1)}${block.firstDataRow + 1}:Scorecard.${col(1)}${block.lastDataRow + 1}`)!;
    expect(dir.conditions.map((c) => c.value)).toEqual(['begins-with(&quot;↑&quot;)', 'begins-with(&quot;↓&quot;)']);
    // The red rule's style: LibreOffice escapes "_" in style names as "_5f_".
    const red = rag.conditions[0].style.replace(/_/g, '_5f_');
    const style = new RegExp(`style:name="${red}"[^>]*>\\s*<style:table-cell-properties fo:background-color="#ffc7ce"/>\\s*<style:text-properties fo:color="#9c0006" fo:font-weight="bold"`);
    expect(fods).toMatch(style);
  });

  it('recomputes the pivot table from its untouched cache', () => {
    expect(csv.get('pivot.patched')!.get('Pivot')).toContain('Total Result,10');
  });
});
