/**
 * A second language is a new catalogue, not a code change: the words a refresh writes into
 * the workbook (status texts, column headers, reasons, the exception sheet, its conditional
 * formats) come from the catalogue of the workbook's output.language.
 */
import { enGB, messages, type Catalogue } from '../../src/core/messages';
import { refresh } from '../../src/core/refresh';
import { applyPlan, readWorkbook } from '../../src/workbook/xlsx';
import { cellsOf, sampleBytes } from '../helpers/workbooks';

const opts = { now: '2026-01-15T09:30:00+00:00', appVersion: 'test' };

/** A made-up second catalogue: en-GB with the status words, two headers and a month changed. */
function welshish(): Catalogue {
  const c = JSON.parse(JSON.stringify(enGB)) as { common: { status: Record<string, string>; columns: Record<string, string> }; plan: { exceptions: { title: string }; when: { months: string[] } } };
  Object.assign(c.common.status, { red: 'Coch', amber: 'Oren', green: 'Gwyrdd', noData: 'Dim data' });
  c.common.columns.rag = 'Statws RAG';
  c.common.columns.direction = 'Cyfeiriad';
  c.plan.exceptions.title = 'Crynodeb eithriadau';
  c.plan.when.months[0] = 'Ionawr';
  return c as unknown as Catalogue;
}

describe('the language of what is written', () => {
  const book = readWorkbook(sampleBytes(), { fileName: 'sample.xlsx' });

  test('a second catalogue changes the status texts, headers, exception sheet and the conditional formats’ texts', async () => {
    const c = welshish();
    const outcome = refresh(book.snapshot, { ...opts, catalogue: c });
    const cells = await cellsOf(applyPlan(book.pkg, outcome.plan));
    expect(cells.get('Adults & Health!K4')).toBe('Statws RAG');
    expect(cells.get('Adults & Health!L4')).toBe('Cyfeiriad');
    const statuses = new Set([...cells].filter(([k]) => /^Adults & Health!K([5-9]|1\d)$/.test(k)).map(([, v]) => v));
    expect([...statuses].every((s) => ['Coch', 'Oren', 'Gwyrdd', 'Dim data', c.common.status.blue, c.common.status.noTarget, c.common.status.checkData].includes(s as string))).toBe(true);
    expect(statuses.has('Coch')).toBe(true);
    expect(cells.get('RAG Exceptions!A1')).toBe('Crynodeb eithriadau');
    expect(String(cells.get('RAG Exceptions!A2'))).toContain('Ionawr 2026');
    // the colours follow the catalogue's words
    const ragRules = outcome.plan.statusBlocks[0]!.columns.find((col) => col.key === 'rag')!.rules.map((r) => r.text);
    expect(ragRules).toEqual(expect.arrayContaining(['Coch', 'Oren', 'Gwyrdd']));
    expect(ragRules).not.toContain('Red');
    // the reasons are the catalogue's too, and the catalogue in use is put back afterwards
    expect(messages).toBe(enGB);
  });

  test('output.language chooses the catalogue; one this version does not have is reported and en-GB written', () => {
    const outcome = refresh(book.snapshot, { ...opts, config: { output: { language: 'xx-YY' } } });
    expect(outcome.report.issues).toContainEqual(expect.objectContaining({ code: 'language-unavailable', message: expect.stringContaining('"xx-YY"') }));
    expect(outcome.report.results.some((r) => r.reason.startsWith('Red:'))).toBe(true);
    const en = refresh(book.snapshot, { ...opts, config: { output: { language: 'en' } } });
    expect(en.report.issues.some((i) => i.code === 'language-unavailable')).toBe(false);
  });

  test('refreshing again in the other language updates the columns in place: no duplicate columns', async () => {
    const first = refresh(book.snapshot, { ...opts, catalogue: welshish() });
    const once = readWorkbook(applyPlan(book.pkg, first.plan), { fileName: 'sample.xlsx' });
    const second = refresh(once.snapshot, opts);
    const cells = await cellsOf(applyPlan(once.pkg, second.plan));
    expect(cells.get('Adults & Health!K4')).toBe(enGB.common.columns.rag);
    expect([...cells.values()]).not.toContain('Statws RAG');
  });
});
