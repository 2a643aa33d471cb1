// Builds examples/sample-return.xlsx: a realistic council quarterly performance return,
// laid out the ways councils keep them (title rows, merged banners, an Excel table,
// two tables on one sheet, wide quarterly and monthly columns, percentages typed every
// which way, thresholds, missing data). Deterministic: the same file every time.
//
//   node scripts/make-sample.mjs [out.xlsx]
import ExcelJS from 'exceljs';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

const out = process.argv[2] ?? 'examples/sample-return.xlsx';

// A small seeded generator so the sample never changes between runs.
let seed = 20251231;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

const wb = new ExcelJS.Workbook();
wb.creator = 'Performance & Improvement Team';
wb.created = new Date(Date.UTC(2026, 0, 14, 9, 0, 0));
wb.modified = new Date(Date.UTC(2026, 0, 14, 9, 0, 0));
wb.title = 'Quarterly Performance Return 2025/26 Q3';

const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
const HEADER_FONT = { bold: true, color: { argb: 'FFFFFFFF' } };

function styleHeader(row) {
  row.eachCell((c) => {
    c.fill = HEADER_FILL;
    c.font = HEADER_FONT;
    c.alignment = { wrapText: true, vertical: 'middle' };
  });
  row.height = 30;
}

function title(ws, text, sub, width) {
  ws.getCell('A1').value = text;
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, width);
  if (sub) {
    ws.getCell('A2').value = sub;
    ws.getCell('A2').font = { italic: true, color: { argb: 'FF595959' } };
    ws.mergeCells(2, 1, 2, width);
  }
}

// ---------------------------------------------------------------- Cover
{
  const ws = wb.addWorksheet('Cover');
  ws.getCell('A1').value = 'Quarterly Performance Return 2025/26';
  ws.getCell('A1').font = { bold: true, size: 16 };
  ws.getCell('A3').value = 'Quarter 3 (October to December 2025)';
  ws.getCell('A5').value = 'How to complete this return';
  ws.getCell('A5').font = { bold: true };
  ws.getCell('A6').value = 'Lead officers enter the quarter\u2019s figures on their directorate\u2019s sheet by 14 January. Leave a cell blank or write TBC if the figure is not yet available.';
  ws.getCell('A7').value = 'The Performance & Improvement Team refreshes the RAG statuses and the exception summary before Cabinet.';
  ws.getColumn(1).width = 110;
}

// ---------------------------------------------------------------- Adults & Health: wide quarterly, plain range
{
  const ws = wb.addWorksheet('Adults & Health');
  title(ws, 'Adults and Health \u2013 Quarter 3 2025/26', 'Figures to the end of December 2025. Percentages are for the quarter unless stated.', 10);
  const header = ws.getRow(4);
  header.values = ['Ref', 'Performance indicator', 'Good performance is', 'Q1', 'Q2', 'Q3', 'Q4', 'Target', 'Lead officer', 'Commentary'];
  styleHeader(header);
  const pct = '0.0%';
  const rows = [
    ['AH01', '% of adult safeguarding enquiries completed within 28 days', 'High', 0.86, 0.88, 0.91, null, 0.9, 'Sam Okafor', 'Improvement following the new triage rota.', pct],
    ['AH02', '% of people who received reablement and were still at home 91 days later', 'High', 0.82, 0.79, 0.76, null, 0.85, 'Priya Shah', 'Two care providers left the market in October; commissioning is re-tendering the framework.', pct],
    ['AH03', 'Delayed transfers of care (days per 100,000 population)', 'Low', 9.4, 8.7, 8.1, null, 8.5, 'Priya Shah', 'Hospital discharge team fully staffed since September.', '0.0'],
    ['AH04', 'Permanent admissions to residential care (65+, per 100,000)', 'Low', 158, 171, 189, null, 165, 'Dan Hughes', '', '0'],
    ['AH05', '% of carers\u2019 assessments completed within 28 days', 'High', 0.71, 0.74, 'TBC', null, 0.8, 'Dan Hughes', 'Q3 figure awaits validation by the carers\u2019 centre.', pct],
    ['AH06', 'Number of people supported by direct payments', 'High', 612, 628, 640, null, 650, 'Sam Okafor', 'Steady growth; a promotional campaign starts in January.', '#,##0'],
    ['AH07', 'Average days from referral to assessment', 'Low', 21, 24, 26, null, 20, 'Alex Byrne', '=Backlog from the summer; see the recovery plan agreed at DMT', '0'],
    ['AH08', '% of adults with learning disabilities in paid employment', 'High', 0.061, 0.064, 0.066, null, 0.065, 'Alex Byrne', '', pct],
    ['AH09', 'Health checks offered to eligible residents', 'High', 2950, 3020, 2870, null, 3000, 'Jo Marsh', 'Clinic closures in November during the refurbishment.', '#,##0'],
    ['AH10', 'Smoking quitters at four weeks', 'High', 118, 131, 127, null, 125, 'Jo Marsh', 'On track for the annual target.', '0'],
  ];
  rows.forEach((r, i) => {
    const row = ws.getRow(5 + i);
    row.values = r.slice(0, 10);
    for (const c of [4, 5, 6, 7, 8]) ws.getCell(5 + i, c).numFmt = r[10];
    row.getCell(10).alignment = { wrapText: true, vertical: 'top' };
  });
  ws.getCell('A16').value = 'Source: Adult Social Care case management system; NHS discharge data.';
  ws.getCell('A16').font = { italic: true, size: 9 };
  [8, 48, 12, 9, 9, 9, 9, 10, 16, 50].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.views = [{ state: 'frozen', ySplit: 4 }];
}

// ---------------------------------------------------------------- Children & Families: an Excel table, long layout
{
  const ws = wb.addWorksheet('Children & Families');
  title(ws, 'Children and Families \u2013 Quarter 3 2025/26', null, 8);
  const rows = [
    ['CF01', '% of child protection visits within timescale', 'Higher is better', '91%', '88%', '95%', 'Lee Turner', 'Two social work vacancies in the west team were filled in December.'],
    ['CF02', '% of re-referrals to children\u2019s social care within 12 months', 'Lower is better', '21%', '24%', '20%', 'Lee Turner', ''],
    ['CF03', '% of care leavers in education, employment or training', 'Higher is better', '58%', '61%', '65%', 'Morgan Ellis', 'New apprenticeship scheme with two local employers.'],
    ['CF04', 'Permanent exclusions from school', 'Lower is better', 2, 0, 0, 'Ruth Adeyemi', ''],
    ['CF05', '% of EHC plans issued within 20 weeks', 'Higher is better', '47%', '52%', '60%', 'Ruth Adeyemi', 'Educational psychology capacity remains the constraint; agency cover agreed until March.'],
    ['CF06', 'Average days from entering care to adoption', 'Lower is better', 455, 431, 426, 'Morgan Ellis', 'Within the national average.'],
    ['CF07', '% of children in care with three or more placements', 'Lower is better', '9.1%', '9.8%', '10%', 'Morgan Ellis', ''],
    ['CF08', 'Number of in-house foster carers', 'Higher is better', 118, 121, 130, 'Lee Turner', 'Recruitment campaign in the autumn produced 6 approvals.'],
    ['CF09', '% of children\u2019s centre registrations in the most deprived areas', 'Higher is better', 'TBC', 'TBC', '75%', 'Ruth Adeyemi', 'Data migration to the new system; figures expected in February.'],
    ['CF10', 'Youth offending: first-time entrants per 100,000 aged 10\u201317', 'Lower is better', 212, 238, 220, 'Dan Hughes', ''],
  ];
  ws.addTable({
    name: 'ChildrenQ3',
    ref: 'A3',
    headerRow: true,
    style: { theme: 'TableStyleMedium2', showRowStripes: true },
    columns: ['PI Ref', 'Measure', 'Polarity', 'Last quarter', 'This quarter', 'Target', 'Owner', 'Remedial action'].map((name) => ({ name, filterButton: true })),
    rows: rows.map((r) => [r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]]),
  });
  // "This quarter" for CF02/CF05 as typed by two different officers
  ws.getCell('E5').value = '24.5 %';
  ws.getCell('E8').value = 0.52;
  ws.getCell('E8').numFmt = '0%';
  ws.getCell('D8').value = 0.47;
  ws.getCell('D8').numFmt = '0%';
  [8, 50, 16, 13, 13, 10, 16, 55].forEach((w, i) => (ws.getColumn(i + 1).width = w));
}

// ---------------------------------------------------------------- Place: two tables on one sheet, thresholds
{
  const ws = wb.addWorksheet('Place');
  title(ws, 'Place \u2013 Quarter 3 2025/26', 'Environment and Housing services. Amber and red thresholds agreed with portfolio holders in April.', 10);
  const header = ['Code', 'KPI', 'Polarity', 'Previous', 'Actual', 'Target', 'Amber threshold', 'Red threshold', 'Responsible officer', 'Comments'];
  let r = 4;
  const section = (name) => {
    ws.getCell(r, 1).value = name;
    ws.getCell(r, 1).font = { bold: true, size: 12 };
    r++;
    const h = ws.getRow(r);
    h.values = header;
    styleHeader(h);
    r++;
  };
  const put = (vals, fmt) => {
    ws.getRow(r).values = vals;
    if (fmt) for (const c of [4, 5, 6, 7, 8]) ws.getCell(r, c).numFmt = fmt;
    ws.getCell(r, 10).alignment = { wrapText: true, vertical: 'top' };
    r++;
  };
  section('Environment');
  put(['PL01', '% of household waste sent for reuse, recycling and composting', 'Higher', 0.452, 0.438, 0.5, 0.47, 0.45, 'Chris Nolan', 'Garden waste tonnage fell with the dry autumn.'], '0.0%');
  put(['PL02', 'Missed bin collections per 100,000 collections', 'Lower', 41, 37, 40, 44, 50, 'Chris Nolan', 'Round re-design bedded in.'], '0');
  put(['PL03', '% of fly-tipping incidents cleared within 5 working days', 'Higher', 0.93, 0.96, 0.95, null, null, 'Chris Nolan', ''], '0%');
  put(['PL04', '% of streets at an acceptable standard of cleanliness', 'Higher', 0.9, 0.84, 0.92, 0.88, 0.85, 'Amira Khan', ''], '0%');
  put(['PL05', 'Air quality: annual mean NO\u2082 at monitoring sites (\u00b5g/m\u00b3)', 'Lower', 31.2, 30.4, 40, null, null, 'Amira Khan', 'Well within the legal limit.'], '0.0');
  put(['PL06', 'Number of electric vehicle charge points installed', 'Data only', 212, 240, null, null, null, 'Amira Khan', 'Context measure; no target set.'], '0');
  r += 2;
  section('Housing and Planning');
  put(['PL07', '% of major planning applications determined within 13 weeks', 'Higher', 0.81, 0.67, 0.6, null, null, 'Nadia Price', 'Three large applications needed extensions of time agreed with applicants.'], '0%');
  put(['PL08', '% of minor planning applications determined within 8 weeks', 'Higher', 0.72, 0.61, 0.7, null, null, 'Nadia Price', ''], '0%');
  put(['PL09', 'Households in temporary accommodation', 'Lower', 188, 214, 180, 190, 200, 'Tom Walsh', 'Demand rising across the region; a new prevention fund is in place from January.'], '0');
  put(['PL10', 'Average days to re-let council homes', 'Lower', 31, 29, 28, null, null, 'Tom Walsh', 'Voids team at full strength.'], '0');
  put(['PL11', 'Number of affordable homes delivered (year to date)', 'Higher', 96, 141, 150, null, null, 'Tom Walsh', 'Two schemes completed in December.'], '0');
  put(['PL12', '% of housing repairs completed within target time', 'Higher', 0.89, 'N/A', 0.92, null, null, 'Tom Walsh', 'Contractor changeover: Q3 figures not yet reported.'], '0%');
  put(['PL13', '% of council budget spent against profile', 'Range', 1.01, 1.07, '95-105', null, null, 'Nadia Price', 'Overspend on temporary accommodation.'], '0%');
  [8, 50, 11, 10, 10, 10, 12, 12, 18, 50].forEach((w, i) => (ws.getColumn(i + 1).width = w));
}

// ---------------------------------------------------------------- Resources: quarterly periods with years, values typed as text
{
  const ws = wb.addWorksheet('Resources');
  title(ws, 'Resources \u2013 corporate health indicators', null, 11);
  const header = ws.getRow(3);
  header.values = ['Ref', 'Measure', 'Q3 2024/25', 'Q4 2024/25', 'Q1 2025/26', 'Q2 2025/26', 'Q3 2025/26', 'Target', 'Tolerance', 'Owner', 'Commentary'];
  styleHeader(header);
  const rows = [
    ['RS01', 'Sickness absence (days lost per FTE, rolling 12 months)', 9.1, 9.4, 9.0, 8.8, 9.6, 8.5, '5%', 'Helen Price', 'Winter respiratory illness; wellbeing offer being promoted.'],
    ['RS02', '% of council tax collected (cumulative)', '83.2%', '97.1%', '29.4%', '56.8%', '84.1%', '84.0%', '1pp', 'Gareth Jones', 'Slightly ahead of profile.'],
    ['RS03', '% of business rates collected (cumulative)', '82.5%', '98.0%', '31.0%', '57.2%', '80.9%', '83.5%', '1pp', 'Gareth Jones', ''],
    ['RS04', 'Average days to process new housing benefit claims', 19, 21, 18, 17, 17, 18, '', 'Gareth Jones', 'Automation of evidence checks has helped.'],
    ['RS05', '% of invoices paid within 30 days', '94.1%', '95.0%', '93.2%', '92.8%', '96.3%', '95%', '', 'Helen Price', ''],
    ['RS06', 'Number of complaints received', '1,212', '1,087', '1,154', '1,301', '1,377', '1,200', '10%', 'Helen Price', 'Increase linked to the waste round changes in Place.'],
    ['RS07', '% of Freedom of Information requests answered within 20 working days', '88%', '91%', '86%', '84%', '79%', '90%', '', 'Omar Farah', ''],
    ['RS08', 'Staff turnover (%, rolling 12 months)', '12.1%', '11.8%', '11.2%', '10.9%', '10.9%', '12%', '', 'Omar Farah', 'Stable.'],
    ['RS09', '% of calls to the contact centre answered', '89%', '90%', '92%', '91%', '-', '90%', '', 'Omar Farah', 'Telephony upgrade in December lost the call statistics for the quarter.'],
  ];
  rows.forEach((r, i) => {
    ws.getRow(4 + i).values = r;
    ws.getCell(4 + i, 11).alignment = { wrapText: true, vertical: 'top' };
  });
  [8, 52, 11, 11, 11, 11, 11, 10, 10, 15, 50].forEach((w, i) => (ws.getColumn(i + 1).width = w));
}

// ---------------------------------------------------------------- Communities: monthly series (for the statistical trend)
{
  const ws = wb.addWorksheet('Communities');
  title(ws, 'Communities \u2013 monthly indicators', 'Monthly figures since April 2023 (for the statistical trend).', 8);
  const months = [];
  for (let i = 0; i < 33; i++) months.push(new Date(Date.UTC(2023, 3 + i, 1)));
  const header = ws.getRow(4);
  header.values = ['Ref', 'Measure', 'Good is', 'Target', 'Owner', 'Commentary', ...months];
  styleHeader(header);
  for (let c = 7; c < 7 + months.length; c++) ws.getCell(4, c).numFmt = 'mmm-yy';
  const series = [
    ['CM01', 'Library visits (thousands)', 'High', 50, 'Kate Lowe', 'Steady after the refurbishment.', (i) => 48 + rand() * 6 + (i > 20 ? 3 : 0), '0.0'],
    ['CM02', 'Anti-social behaviour incidents reported', 'Low', 320, 'Ian Brooks', 'Rising since the summer; joint patrols with police from January.', (i) => 300 + rand() * 40 + (i > 24 ? 45 : 0), '0'],
    ['CM03', '% of residents satisfied with their area (monthly panel)', 'High', 0.75, 'Kate Lowe', '', (i) => 0.72 + rand() * 0.05, '0.0%'],
    ['CM04', 'Leisure centre attendances (thousands)', 'High', 60, 'Ian Brooks', 'New gym equipment installed in spring 2025.', (i) => 52 + rand() * 5 + i * 0.35, '0.0'],
    ['CM05', 'Reported hate crimes', 'Low', null, 'Ian Brooks', 'Tracked for context with the Community Safety Partnership.', () => 14 + Math.round(rand() * 8), '0'],
    ['CM06', 'Volunteers registered with the council scheme', 'High', 400, 'Kate Lowe', '', (i) => (i === 30 ? null : 360 + rand() * 30), '0'],
  ];
  series.forEach((s, k) => {
    const r = 5 + k;
    ws.getRow(r).values = s.slice(0, 6);
    ws.getCell(r, 4).numFmt = s[7];
    for (let i = 0; i < months.length; i++) {
      const v = s[6](i);
      const cell = ws.getCell(r, 7 + i);
      cell.value = v === null ? null : Math.round(v * 1000) / 1000;
      cell.numFmt = s[7];
    }
  });
  [8, 44, 8, 9, 12, 40].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (let c = 7; c < 7 + months.length; c++) ws.getColumn(c).width = 8;
}

mkdirSync(dirname(out), { recursive: true });
await wb.xlsx.writeFile(out);
console.log(`Wrote ${out}`);
