// Renders the refreshed sample return to the README's pictures, as a user would see it
// printed from a real spreadsheet program (LibreOffice), not from our own code:
//
//   npm run demo && node scripts/readme-pictures.mjs
//
// Needs soffice (libreoffice-calc-nogui), pdftoppm (poppler-utils) and ImageMagick's convert.
// For the picture only, a copy of the refreshed file has each sheet set to print on one page
// wide (the sample's own sheets print portrait at 100%, which splits them across pages).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, readdirSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

const input = process.argv[2] ?? 'examples/sample-return-refreshed.xlsx';
const outDir = process.argv[3] ?? 'docs/images';
const work = mkdtempSync(join(tmpdir(), 'rag-pictures-'));
mkdirSync(outDir, { recursive: true });

const parts = unzipSync(readFileSync(input));
for (const name of Object.keys(parts)) {
  if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) continue;
  let xml = strFromU8(parts[name]);
  xml = xml.replace(/<pageSetup\b[^>]*\/>/, '<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
  if (!/<pageSetUpPr\b/.test(xml)) {
    xml = /<sheetPr\b[^>]*\/>/.test(xml)
      ? xml.replace(/<sheetPr\b([^>]*)\/>/, '<sheetPr$1><pageSetUpPr fitToPage="1"/></sheetPr>')
      : /<sheetPr\b[^>]*>/.test(xml)
        ? xml.replace(/(<sheetPr\b[^>]*>)/, '$1<pageSetUpPr fitToPage="1"/>')
        : xml.replace(/(<worksheet\b[^>]*>)/, '$1<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
  }
  parts[name] = strToU8(xml);
}
const copy = join(work, 'sample.xlsx');
writeFileSync(copy, zipSync(parts));
execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', work, copy], { stdio: 'ignore' });
const pdf = join(work, 'sample.pdf');
const text = (page) => execFileSync('pdftotext', ['-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' });
const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))[1]);

/** The first page whose text starts with `title`, rendered, trimmed of its margins, with a thin border. */
function picture(title, file, dpi) {
  let page = 0;
  for (let p = 1; p <= pages && !page; p++) if (text(p).trimStart().startsWith(title)) page = p;
  if (!page) throw new Error(`no page starts with "${title}"`);
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', '-f', String(page), '-l', String(page), '-singlefile', pdf, join(work, 'page')]);
  execFileSync('/usr/bin/convert', [join(work, 'page.png'), '-trim', '-bordercolor', 'white', '-border', '16', '-bordercolor', '#c8c8c8', '-border', '1', join(outDir, file)]);
  console.log(`${join(outDir, file)} (page ${page} of ${pages})`);
}
picture('Exception summary', 'exception-sheet.png', 130);
picture('Children and Families', 'status-columns.png', 130);
console.log(readdirSync(outDir).join(', '));
