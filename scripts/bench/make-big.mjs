// Writes a return of N measures (wide, 12 monthly periods) with ExcelJS, for the file benchmarks:
//   node scripts/bench/make-big.mjs <measures> <out.xlsx>
import ExcelJS from 'exceljs';
const [nText, out] = process.argv.slice(2);
const n = Number(nText);
let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const wb = new ExcelJS.Workbook();
const ws = wb.addWorksheet('Measures');
ws.getCell('A1').value = `Performance return (${n} measures)`;
const months = ['Apr-25', 'May-25', 'Jun-25', 'Jul-25', 'Aug-25', 'Sep-25', 'Oct-25', 'Nov-25', 'Dec-25', 'Jan-26', 'Feb-26', 'Mar-26'];
ws.addRow([]);
ws.addRow(['Ref', 'Measure', 'Directorate', 'Good is', 'Target', 'Owner', 'Commentary', ...months]);
const dirs = ['Adults', 'Children', 'Place', 'Resources', 'Communities'];
for (let i = 0; i < n; i++) {
  const target = 50 + Math.round(rand() * 50);
  const row = [`M${i + 1}`, `Measure number ${i + 1}`, dirs[i % 5], i % 3 === 0 ? 'Low' : 'High', target, `Officer ${i % 40}`, i % 4 ? 'Commentary' : null];
  for (let p = 0; p < 12; p++) row.push(Math.round(target * (0.8 + rand() * 0.4) * 10) / 10);
  ws.addRow(row);
}
await wb.xlsx.writeFile(out);
