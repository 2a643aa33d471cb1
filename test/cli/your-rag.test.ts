/** The user's own RAG columns are read, never written, and every one of them is in the report beside the computed status. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { run } from '../../src/cli/run';
import { REAL_WORKBOOKS } from '../helpers/workbooks';
import { copy, io, tmp } from './helpers';

test('Pathfinders: the Spend and Delivery RAG ratings of each project are both in the report, with their colours', async () => {
  const dir = tmp();
  const input = copy(path.join(REAL_WORKBOOKS, 'dluhc_pathfinders_return_PF_Round_2_Success.xlsx'), dir);
  const report = path.join(dir, 'report.json');
  expect(await run([input, '--dry-run', '--report', report], io().cli)).toBe(0);
  const measures: { sheet: string; yourRag: unknown; yourRags?: { header: string; value: string | null; colour: string | null }[] }[] = JSON.parse(
    readFileSync(report, 'utf8'),
  ).files[0].measures;
  const progress = measures.filter((m) => m.sheet === 'Progress' && m.yourRags);
  expect(progress.length).toBeGreaterThan(0);
  for (const m of progress) {
    expect(m.yourRags!.map((u) => u.header)).toEqual([expect.stringMatching(/Spend RAG/i), expect.stringMatching(/Delivery RAG/i)]);
    expect(m.yourRag).toBe(m.yourRags![0]!.value);
  }
  const rated = progress.flatMap((m) => m.yourRags!).filter((u) => u.value !== null);
  expect(rated.length).toBeGreaterThan(0);
  for (const u of rated) if (/^(Green|Amber|Red|Amber\/Green|Amber\/Red)$/.test(u.value!)) expect(['green', 'amber', 'red']).toContain(u.colour);
});
