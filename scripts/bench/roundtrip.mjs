// One round trip of one file, in its own process (timed from outside, start-up included):
//   node scripts/bench/roundtrip.mjs <floor|exceljs|xlsx-populate> <in.xlsx> <out.xlsx>
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const [kind, input, output] = process.argv.slice(2);

if (kind === 'floor') {
  // The floor: a bare unzip of every part and a re-zip (deflate) of every part.
  const { unzipSync, zipSync } = require('fflate');
  const files = unzipSync(new Uint8Array(readFileSync(input)));
  writeFileSync(output, zipSync(files, { level: 6 }));
} else if (kind === 'exceljs') {
  const ExcelJS = require('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(input);
  await wb.xlsx.writeFile(output);
} else if (kind === 'xlsx-populate') {
  const XlsxPopulate = require('xlsx-populate');
  const wb = await XlsxPopulate.fromDataAsync(readFileSync(input));
  writeFileSync(output, await wb.outputAsync());
} else {
  throw new Error(`unknown kind ${kind}`);
}
