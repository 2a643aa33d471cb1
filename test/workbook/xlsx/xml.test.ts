import fc from 'fast-check';
import type { CellValue, WritePlan } from '../../../src/core/types';
import { parseRange, parseSqref, rangeName } from '../../../src/workbook/xlsx/cellref';
import { applyPlan } from '../../../src/workbook/xlsx/apply';
import { readWorkbook } from '../../../src/workbook/xlsx/read';
import { StyleBook, readStyles } from '../../../src/workbook/xlsx/styles';
import { Tok, XmlScanner, applyEdits, decodeText, decodeXstring, encodeXstring, escapeAttr, escapeText, stripIllegalXmlChars } from '../../../src/workbook/xlsx/xml';
import { chunkText } from '../../../src/workbook/xlsx/new-sheet';
import { scorecardWorkbook } from '../../fixtures/xlsx/fixtures';
import { DEFAULT_STYLES } from '../../fixtures/xlsx/workbook-builder';

function tokens(xml: string): string[] {
  const sc = new XmlScanner(xml);
  const out: string[] = [];
  for (let t = sc.next(); t !== Tok.Eof; t = sc.next()) {
    if (t === Tok.Start) out.push(`<${sc.local}${sc.selfClosing ? '/' : ''} ${JSON.stringify(sc.attrs())}`);
    else if (t === Tok.End) out.push(`</${sc.local}`);
    else if (t === Tok.Text || t === Tok.CData) out.push(`"${sc.text()}"`);
    else out.push(`#${t}`);
  }
  return out;
}

describe('the XML scanner', () => {
  it('reads tags, attributes with ">" and "/" inside quotes, text, CDATA, comments and processing instructions', () => {
    const xml = '<?xml version="1.0"?><!-- a <c> comment --><x:a b="1 > 0" c=\'/x/\'><b/><![CDATA[<raw>&amp;]]>t&amp;&#65;&#x42;<?pi data?></x:a>';
    expect(tokens(xml)).toEqual([
      '#6',
      '#5',
      '<a {"b":"1 > 0","c":"/x/"}',
      '<b/ {}',
      '"<raw>&amp;"',
      '"t&AB"',
      '#6',
      '</a',
    ]);
  });

  it('gives positions that slice back to the tokens', () => {
    const xml = '<root><c r="A1" s="2"><v>1</v></c><c r="B1"/></root>';
    const sc = new XmlScanner(xml);
    const seen: string[] = [];
    for (let t = sc.next(); t !== Tok.Eof; t = sc.next()) seen.push(xml.slice(sc.start, sc.end));
    expect(seen.join('')).toBe(xml);
    sc.pos = 0;
    sc.next();
    sc.next();
    expect(sc.name).toBe('c');
    expect(xml.slice(sc.start, sc.skipElement())).toBe('<c r="A1" s="2"><v>1</v></c>');
  });

  it('skips a DOCTYPE with an internal subset', () => {
    expect(tokens('<!DOCTYPE a [<!ENTITY x "y>">]><a/>')).toEqual(['#7', '<a/ {}']);
  });

  it('throws on an unclosed tag or attribute', () => {
    expect(() => tokens('<a b="1>')).toThrow(/Unclosed/);
    expect(() => tokens('<a')).toThrow(/Unclosed/);
  });

  it('normalises line ends in text and whitespace in attributes, as XML does', () => {
    expect(decodeText('a\r\nb\rc')).toBe('a\nb\nc');
    expect(tokens('<a b="x\ty&#10;z"/>')).toEqual(['<a/ {"b":"x y\\nz"}']);
  });
});

describe('escaping', () => {
  it('escapes text and attributes and drops characters XML cannot hold', () => {
    expect(escapeText('<a & b>')).toBe('&lt;a &amp; b&gt;');
    expect(escapeAttr('"x"\n')).toBe('&quot;x&quot;&#10;');
    expect(stripIllegalXmlChars('a\u0000b\u0008c\u000Bd\uFFFEe\uD800f\uDC00g😀')).toBe('abcdefg😀');
  });

  it('round-trips any text through cell text encoding (except what XML cannot hold)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        const expected = stripIllegalXmlChars(s).replace(/\r/g, '\r');
        const stored = escapeText(encodeXstring(s));
        const back = decodeXstring(decodeText(stored));
        return back === expected;
      }),
      { numRuns: 500 },
    );
  });

  it('splits text into chunks without breaking a surrogate pair', () => {
    const text = `${'a'.repeat(9)}😀${'b'.repeat(5)}`;
    const chunks = chunkText(text, 10);
    expect(chunks.join('')).toBe(text);
    expect(chunks[0]).toBe('a'.repeat(9));
    expect(chunks.every((c) => c.length <= 10)).toBe(true);
  });
});

describe('edits', () => {
  it('applies insertions before replacements at the same place, in the order given', () => {
    expect(applyEdits('abcdef', [{ start: 2, end: 4, text: 'X' }, { start: 2, end: 2, text: '1' }, { start: 2, end: 2, text: '2' }, { start: 6, end: 6, text: '!' }])).toBe(
      'ab12Xef!',
    );
    expect(() => applyEdits('abc', [{ start: 0, end: 2, text: '' }, { start: 1, end: 3, text: '' }])).toThrow(/Overlapping/);
  });
});

describe('cell references', () => {
  it('reads and writes ranges, whole columns and rows, and sqref lists', () => {
    expect(parseRange('$B$2:A1')).toEqual({ top: 0, left: 0, bottom: 1, right: 1 });
    expect(parseRange('C:D')).toEqual({ top: 0, left: 2, bottom: 1048575, right: 3 });
    expect(parseRange('3:4')).toEqual({ top: 2, left: 0, bottom: 3, right: 16383 });
    expect(parseRange('XFD1048576')).toEqual({ top: 1048575, left: 16383, bottom: 1048575, right: 16383 });
    expect(parseRange('XFE1')).toBeNull();
    expect(parseSqref('A1 B2:C3  ')).toHaveLength(2);
    expect(rangeName({ top: 4, left: 26, bottom: 9, right: 27 })).toBe('AA5:AB10');
  });
});

describe('styles.xml: find or append', () => {
  it('reads built-in and custom number formats', () => {
    const s = readStyles(DEFAULT_STYLES);
    expect([0, 1, 2, 3, 4, 99].map((i) => s.numberFormat(i))).toEqual(['General', '0%', '0.0%', 'm/d/yyyy', 'General', 'General']);
  });

  it('reuses built-in and existing formats, appends new ones once, and keeps counts right', () => {
    const book = new StyleBook(DEFAULT_STYLES);
    expect(book.numFmtId('0%')).toBe(9);
    expect(book.numFmtId('@')).toBe(49);
    expect(book.numFmtId('0.0%')).toBe(164);
    expect(book.numFmtId('0.000%')).toBe(165);
    expect(book.numFmtId('0.000%')).toBe(165);
    const a = book.xf(0, { numFmt: '0.000%' });
    const b = book.xf(0, { numFmt: '0.000%' });
    expect(a).toBe(5);
    expect(b).toBe(5);
    // An existing identical format is found, not appended (xf 1 is "0%").
    expect(book.xf(0, { numFmt: '0%' })).toBe(1);
    // Bold: xf 4 already has the bold font.
    const bold = book.xf(0, { font: { bold: true } });
    expect(bold).toBe(6);
    const d1 = book.dxf({ fill: 'FFC7CE', font: '9C0006' });
    expect(book.dxf({ fill: 'ffc7ce', font: '9c0006' })).toBe(d1);
    const out = book.result()!;
    expect(out).toContain('<numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="0.000%"/></numFmts>');
    expect(out).toContain('<cellXfs count="7">');
    expect(out).toContain('<dxfs count="1"><dxf><font><color rgb="FF9C0006"/></font><fill><patternFill><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf></dxfs>');
    // Applying the same again to the result changes nothing.
    const again = new StyleBook(out);
    again.xf(0, { numFmt: '0.000%' });
    again.dxf({ fill: 'FFC7CE', font: '9C0006' });
    expect(again.result()).toBeNull();
  });

  it('creates lists the part lacks, in schema order', () => {
    const minimal = '<styleSheet xmlns="x"><fonts count="1"><font><sz val="11"/></font></fonts><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellXfs><extLst/></styleSheet>';
    const book = new StyleBook(minimal);
    book.xf(0, { numFmt: '0.0%' });
    book.dxf({ bold: true });
    expect(book.result()).toBe(
      '<styleSheet xmlns="x"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts><fonts count="1"><font><sz val="11"/></font></fonts><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/></cellXfs><dxfs count="1"><dxf><font><b/></font></dxf></dxfs><extLst/></styleSheet>',
    );
  });

  it('rejects a colour that is not RRGGBB', () => {
    expect(() => new StyleBook(DEFAULT_STYLES).dxf({ fill: 'red' })).toThrow(/not a colour/);
  });
});

describe('any status value lands as written', () => {
  const wb = readWorkbook(scorecardWorkbook());
  const value: fc.Arbitrary<CellValue> = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
  );
  it('reads back every value (text, number, boolean) exactly', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 12 }), (values) => {
        const plan: WritePlan = {
          clear: [],
          statusBlocks: [
            {
              sheet: 'Scorecard',
              tableName: null,
              headerRow: 11,
              firstDataRow: 12,
              lastDataRow: 11 + values.length,
              firstCol: 1,
              columns: [{ key: 'rag', header: 'RAG status', values, numberFormat: '@', width: 10, rules: [] }],
              skipRows: [],
              note: null,
            },
          ],
          exceptionSheet: null,
          removeSheets: [],
          savedDocument: null,
        };
        const back = readWorkbook(applyPlan(wb.pkg, plan)).snapshot.sheets[0];
        values.forEach((v, i) => {
          const got = back.values[12 + i - back.origin.row]?.[1 - back.origin.col] ?? null;
          let expected: CellValue = v;
          if (typeof v === 'string') expected = stripIllegalXmlChars(v) === '' ? null : stripIllegalXmlChars(v);
          if (typeof v === 'number' && Object.is(v, -0)) expected = 0;
          if (got !== expected) throw new Error(`${JSON.stringify(v)} came back as ${JSON.stringify(got)}`);
        });
      }),
      { numRuns: 60 },
    );
  });
});
