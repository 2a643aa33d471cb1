import { zipSync } from 'fflate';
import { crc32 } from '../../../src/workbook/xlsx/crc32';
import { XlsxError } from '../../../src/workbook/xlsx/errors';
import { readWorkbook } from '../../../src/workbook/xlsx/read';
import { cfbEntryNames } from '../../../src/workbook/xlsx/sniff';
import { MAX_PART_SIZE, ZipArchive, writeZip } from '../../../src/workbook/xlsx/zip';
import { buildCfb } from '../../fixtures/xlsx/cfb-builder';
import { sampleFixture } from '../../fixtures/xlsx/fixtures';
import { buildWorkbook } from '../../fixtures/xlsx/workbook-builder';
import { buildZip } from '../../fixtures/xlsx/zip-builder';
import { CHARTS_FIXTURE, fileFixture, realWorkbooks, sameBytes, unzipParts } from './helpers';

function errorOf(f: () => unknown): XlsxError {
  try {
    f();
  } catch (e) {
    if (e instanceof XlsxError) return e;
    throw e;
  }
  throw new Error('expected an XlsxError');
}

describe('crc32', () => {
  it('matches the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});

describe('zip container: raw copy', () => {
  const files = [
    ...realWorkbooks(),
    { name: CHARTS_FIXTURE, bytes: fileFixture(CHARTS_FIXTURE) },
    { name: 'excelize_bad_workbook_no_sheets.xlsx', bytes: fileFixture('excelize_bad_workbook_no_sheets.xlsx') },
  ];

  it.each(files.map((f) => [f.name, f.bytes] as const))('%s: copying every entry raw gives the same parts, byte for byte', (_name, bytes) => {
    const zip = ZipArchive.read(bytes);
    const copy = writeZip(zip.entries.map((entry) => ({ kind: 'raw' as const, archive: zip, entry })), zip.comment);
    const before = unzipParts(bytes);
    const after = unzipParts(copy);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [name, data] of before) expect(sameBytes(after.get(name), data)).toBe(true);
    // Every entry's compressed bytes are carried over untouched.
    const again = ZipArchive.read(copy);
    again.entries.forEach((e, i) => {
      const o = zip.entries[i];
      expect(sameBytes(again.bytes.subarray(e.dataStart, e.dataStart + e.compressedSize), zip.bytes.subarray(o.dataStart, o.dataStart + o.compressedSize))).toBe(true);
    });
    // And a raw copy of a raw copy is identical.
    expect(sameBytes(writeZip(again.entries.map((entry) => ({ kind: 'raw' as const, archive: again, entry })), again.comment), copy)).toBe(true);
  });

  it.each(files.map((f) => [f.name, f.bytes] as const))('%s: every entry inflates and passes its CRC-32', (_name, bytes) => {
    const zip = ZipArchive.read(bytes);
    const parts = unzipParts(bytes);
    for (const e of zip.entries) expect(sameBytes(zip.inflate(e), parts.get(e.name))).toBe(true);
  });

  it('rewritten entries are deflated and read back', () => {
    const zip = ZipArchive.read(fileFixture(CHARTS_FIXTURE));
    const data = new TextEncoder().encode('<x>changed</x>');
    const out = writeZip([
      ...zip.entries.map((entry) =>
        entry.name === 'xl/workbook.xml'
          ? { kind: 'data' as const, name: entry.name, data, like: entry }
          : { kind: 'raw' as const, archive: zip, entry },
      ),
      { kind: 'data', name: 'xl/new.xml', data },
    ]);
    const back = ZipArchive.read(out);
    expect(back.entries.map((e) => e.name)).toEqual([...zip.entries.map((e) => e.name), 'xl/new.xml']);
    expect(new TextDecoder().decode(back.inflate(back.get('xl/workbook.xml')!))).toBe('<x>changed</x>');
    // The rewritten entry keeps the original's time stamp; the new one gets 1980-01-01.
    expect(back.get('xl/workbook.xml')!.dosDate).toBe(zip.get('xl/workbook.xml')!.dosDate);
    expect(back.get('xl/new.xml')!.dosDate).toBe(0x21);
  });

  it('reads stored entries, data descriptors (with and without signature) and a prefix before the zip', () => {
    const fixture = sampleFixture();
    for (const entryOptions of [{ method: 0 as const }, { dataDescriptor: true }, { dataDescriptor: true, descriptorSignature: true }]) {
      const bytes = buildWorkbook({ ...fixture, entryOptions });
      const wb = readWorkbook(bytes);
      expect(wb.snapshot.sheets[0].values[0][0]).toBe('Measure');
      const zip = ZipArchive.read(bytes);
      const copy = writeZip(zip.entries.map((entry) => ({ kind: 'raw' as const, archive: zip, entry })));
      expect(readWorkbook(copy).snapshot).toEqual(wb.snapshot);
    }
    const plain = buildWorkbook(fixture);
    const withPrefix = new Uint8Array(plain.length + 100);
    withPrefix.set(new Uint8Array(100).fill(7));
    withPrefix.set(plain, 100);
    const shifted = ZipArchive.read(withPrefix);
    expect(shifted.entries.map((e) => e.name)).toEqual(ZipArchive.read(plain).entries.map((e) => e.name));
    expect(new TextDecoder().decode(shifted.inflate(shifted.get('xl/workbook.xml')!))).toMatch(/<workbook/);
    // Offsets in the directory are relative to the zip, not the file: the reader corrects them.
    const zip = ZipArchive.read(buildZip([{ name: 'a.txt', data: 'hello' }], { prefix: new Uint8Array(64) }));
    expect(new TextDecoder().decode(zip.inflate(zip.get('a.txt')!))).toBe('hello');
  });

  it('finds parts case-insensitively', () => {
    const zip = ZipArchive.read(fileFixture(CHARTS_FIXTURE));
    expect(zip.get('XL/WORKBOOK.XML')?.name).toBe('xl/workbook.xml');
  });

  it('reports a part that fails its CRC-32', () => {
    const bytes = buildZip([{ name: 'a.xml', data: '<a>some text to compress, some text to compress</a>', method: 0 }]);
    const zip = ZipArchive.read(bytes);
    const e = zip.get('a.xml')!;
    const damaged = bytes.slice();
    damaged[e.dataStart + 3] ^= 0xff;
    const err = errorOf(() => {
      const z = ZipArchive.read(damaged);
      z.inflate(z.get('a.xml')!);
    });
    expect(err.code).toBe('corrupt');
    expect(err.message).toMatch(/a\.xml.*checksum/);
  });
});

describe('zip container: what is not a workbook', () => {
  it('refuses the password-protected fixtures as encrypted', () => {
    for (const name of ['excelize_password_protected_aes.xlsx', 'excelize_password_protected_sha1.xlsx']) {
      const err = errorOf(() => readWorkbook(fileFixture(name)));
      expect(err.code).toBe('encrypted');
      expect(err.message).toBe(
        'This workbook is password-protected. Remove the password in Excel (File > Info > Protect Workbook), save, and try again.',
      );
    }
  });

  it('finds the encryption streams by following the CFB directory', () => {
    const names = cfbEntryNames(fileFixture('excelize_password_protected_aes.xlsx'));
    expect(names).toEqual(expect.arrayContaining(['EncryptionInfo', 'EncryptedPackage']));
  });

  it('tells an .xls (a CFB without encryption) from an encrypted workbook', () => {
    const xls = buildCfb(['Workbook', 'SummaryInformation']);
    expect(cfbEntryNames(xls)).toEqual(['Root Entry', 'Workbook', 'SummaryInformation']);
    const err = errorOf(() => readWorkbook(xls));
    expect(err.code).toBe('xls');
    expect(err.message).toMatch(/97-2003.*save it as \.xlsx/);
    expect(errorOf(() => readWorkbook(buildCfb(['EncryptionInfo', 'EncryptedPackage']))).code).toBe('encrypted');
    expect(errorOf(() => readWorkbook(buildCfb(['WordDocument']))).code).toBe('xls');
  });

  it('refuses a package that lists no sheets', () => {
    const err = errorOf(() => readWorkbook(fileFixture('excelize_bad_workbook_no_sheets.xlsx')));
    expect(err.code).toBe('no-sheets');
  });

  it('refuses a truncated file as corrupt, with a reason', () => {
    const bytes = fileFixture(CHARTS_FIXTURE);
    for (const cut of [bytes.length - 1, bytes.length - 30, Math.floor(bytes.length / 2), 100]) {
      const err = errorOf(() => readWorkbook(bytes.slice(0, cut)));
      expect(err.code).toBe('corrupt');
      expect(err.message).toMatch(/truncated|damaged|incomplete/);
    }
  });

  it('refuses random bytes, an empty file and text', () => {
    let seed = 42;
    const random = new Uint8Array(5000).map(() => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed & 0xff;
    });
    expect(errorOf(() => readWorkbook(random)).code).toBe('not-xlsx');
    expect(errorOf(() => readWorkbook(new Uint8Array(0))).code).toBe('corrupt');
    expect(errorOf(() => readWorkbook(new TextEncoder().encode('ref,name\n1,a\n'))).code).toBe('not-xlsx');
    // Starts like a zip but is garbage after.
    const fake = random.slice();
    fake.set([0x50, 0x4b, 3, 4]);
    expect(errorOf(() => readWorkbook(fake)).code).toBe('corrupt');
  });

  it('refuses a zip that is not a workbook, naming what it is when it can', () => {
    const enc = new TextEncoder();
    expect(errorOf(() => readWorkbook(zipSync({ 'readme.txt': enc.encode('hi') }))).code).toBe('not-xlsx');
    const docx = zipSync({ '[Content_Types].xml': enc.encode('<Types/>'), 'word/document.xml': enc.encode('<w/>') });
    expect(errorOf(() => readWorkbook(docx)).message).toMatch(/Word or PowerPoint/);
    const xlsb = zipSync({ '[Content_Types].xml': enc.encode('<Types/>'), 'xl/workbook.bin': new Uint8Array(4) });
    expect(errorOf(() => readWorkbook(xlsb)).message).toMatch(/\.xlsb/);
    const ods = zipSync({ mimetype: enc.encode('application/vnd.oasis.opendocument.spreadsheet'), 'content.xml': enc.encode('<x/>'), '[Content_Types].xml': enc.encode('<Types/>') });
    expect(errorOf(() => readWorkbook(ods)).message).toMatch(/OpenDocument/);
  });

  it('refuses ZIP64 archives clearly', () => {
    const bytes = buildZip([{ name: 'a.txt', data: 'x' }]);
    const z64 = bytes.slice();
    // Mark the entry count as ZIP64's "see the ZIP64 record".
    const eocd = z64.length - 22;
    z64[eocd + 10] = 0xff;
    z64[eocd + 11] = 0xff;
    const err = errorOf(() => ZipArchive.read(z64));
    expect(err.code).toBe('unsupported');
    expect(err.message).toMatch(/ZIP64/);
  });

  it('refuses a part stored twice', () => {
    const bytes = buildZip([
      { name: 'a.txt', data: 'x' },
      { name: 'A.TXT', data: 'y' },
    ]);
    expect(errorOf(() => ZipArchive.read(bytes)).code).toBe('corrupt');
  });

  it('refuses a part whose XML is broken as corrupt, naming the part', () => {
    const f = sampleFixture();
    f.sheets[0] = { ...f.sheets[0], xml: '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row>' };
    const err = errorOf(() => readWorkbook(buildWorkbook(f)));
    expect(err.code).toBe('corrupt');
    expect(err.message).toMatch(/sheet1\.xml/);
  });
});

describe('zip container: a part too large to read', () => {
  /** A copy of `bytes` whose zip directory says `name` inflates to `size` bytes (nothing is inflated to build it). */
  function claimSize(bytes: Uint8Array, name: string, size: number): Uint8Array {
    const copy = bytes.slice();
    const central = ZipArchive.read(copy).get(name)!.central; // a view into `copy`
    new DataView(central.buffer, central.byteOffset, central.byteLength).setUint32(24, size, true);
    return copy;
  }

  it('refuses a part whose uncompressed size is over the cap, naming the part, before inflating it', () => {
    const bytes = claimSize(buildWorkbook(sampleFixture()), 'xl/worksheets/sheet1.xml', 600 * 1024 * 1024);
    const err = errorOf(() => readWorkbook(bytes));
    expect(err.code).toBe('unsupported');
    expect(err.message).toMatch(/"xl\/worksheets\/sheet1\.xml" is 600 MB when uncompressed.*at most 500 MB/);
    // the largest size a zip without ZIP64 can record (4 GB less a byte) is refused the same way
    expect(errorOf(() => readWorkbook(claimSize(buildWorkbook(sampleFixture()), 'xl/worksheets/sheet1.xml', 0xfffffffe))).code).toBe('unsupported');
  });

  it('the cap leaves room for the longest string JavaScript can hold', () => {
    expect(MAX_PART_SIZE).toBeLessThan(0x1fffffe8);
    expect(MAX_PART_SIZE).toBeGreaterThanOrEqual(100 * 1024 * 1024);
  });

  it('a stored part over the cap is refused too (no decompression to stop it)', () => {
    const bytes = claimSize(buildZip([{ name: 'a.xml', data: '<a/>', method: 0 }]), 'a.xml', MAX_PART_SIZE + 1);
    const zip = ZipArchive.read(bytes);
    expect(errorOf(() => zip.inflate(zip.get('a.xml')!)).code).toBe('unsupported');
  });
});
