/**
 * The zip container of an .xlsx package.
 *
 * Reading keeps every entry's raw bytes (local header, compressed data and any
 * data descriptor) so that parts we do not change are copied byte for byte,
 * without inflating or deflating them. Only the parts we read are inflated
 * (and their CRC-32 checked); only the parts we write are deflated.
 *
 * Supported: stored (0) and deflated (8) entries, data descriptors (flag bit 3),
 * a prefix before the first entry (offsets are corrected). Refused: ZIP64,
 * multi-disk archives and encrypted zip entries ('unsupported'). Entries using
 * another compression method can still be copied raw; reading one fails.
 *
 * No Node APIs: bytes in, bytes out; fflate does the (de)compression.
 */
import { deflateSync, inflateSync } from 'fflate';
import { crc32 } from './crc32';
import { XlsxError } from './errors';

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_DESCRIPTOR = 0x08074b50;

/**
 * The largest part this reader inflates: 500 MB. A part's text must fit in one JavaScript
 * string (at most 0x1fffffe8 UTF-16 units, about 512 MiB of UTF-8), and no real
 * performance return comes near it; a sheet that inflates to hundreds of megabytes is
 * padding or a zip bomb. Checked against the size the zip directory records, before
 * anything is allocated or decompressed.
 */
export const MAX_PART_SIZE = 500 * 1024 * 1024;

/** DOS date 1980-01-01, time 00:00: what new entries get (no clock is read, so output is deterministic). */
const DOS_DATE_1980 = 0x0021;

export interface ZipEntry {
  /** The name as stored ("xl/workbook.xml"). */
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly dosTime: number;
  readonly dosDate: number;
  /** The raw central directory record (copied for unchanged entries, with the offset patched). */
  readonly central: Uint8Array;
  /** Where the local record (header + data + descriptor) lies in the source bytes. */
  readonly localStart: number;
  readonly dataStart: number;
  readonly localEnd: number;
}

const utf8 = new TextDecoder('utf-8');

/** A name stored without the UTF-8 flag: code page 437 in theory, ASCII in every .xlsx; bytes as Latin-1. */
function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

function u16(b: Uint8Array, o: number): number {
  return b[o] | (b[o + 1] << 8);
}
function u32(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
}
function put16(b: Uint8Array, o: number, v: number): void {
  b[o] = v & 0xff;
  b[o + 1] = (v >>> 8) & 0xff;
}
function put32(b: Uint8Array, o: number, v: number): void {
  b[o] = v & 0xff;
  b[o + 1] = (v >>> 8) & 0xff;
  b[o + 2] = (v >>> 16) & 0xff;
  b[o + 3] = (v >>> 24) & 0xff;
}

function corrupt(reason: string): XlsxError {
  return new XlsxError('corrupt', `The workbook file is damaged or incomplete: ${reason}.`);
}

export class ZipArchive {
  readonly bytes: Uint8Array;
  readonly entries: readonly ZipEntry[];
  /** The archive comment, raw. */
  readonly comment: Uint8Array;
  private readonly byLowerName: Map<string, ZipEntry>;

  private constructor(bytes: Uint8Array, entries: ZipEntry[], comment: Uint8Array) {
    this.bytes = bytes;
    this.entries = entries;
    this.comment = comment;
    this.byLowerName = new Map();
    for (const e of entries) {
      const key = e.name.toLowerCase();
      if (this.byLowerName.has(key)) throw corrupt(`the part "${e.name}" is stored twice`);
      this.byLowerName.set(key, e);
    }
  }

  static read(bytes: Uint8Array): ZipArchive {
    const len = bytes.length;
    if (len < 22) throw corrupt('the file is too short to be a workbook');
    // End of central directory: the last 22 bytes plus an optional comment of up to 65535 bytes.
    let eocd = -1;
    for (let i = len - 22; i >= Math.max(0, len - 22 - 0xffff); i--) {
      if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && u32(bytes, i) === SIG_EOCD) {
        if (i + 22 + u16(bytes, i + 20) <= len) {
          eocd = i;
          break;
        }
      }
    }
    if (eocd < 0) throw corrupt('the end of the zip directory is missing (the file looks truncated)');
    const disk = u16(bytes, eocd + 4);
    const cdDisk = u16(bytes, eocd + 6);
    const entriesOnDisk = u16(bytes, eocd + 8);
    const entryCount = u16(bytes, eocd + 10);
    const cdSize = u32(bytes, eocd + 12);
    let cdOffset = u32(bytes, eocd + 16);
    const comment = bytes.slice(eocd + 22, eocd + 22 + u16(bytes, eocd + 20));
    if (
      entryCount === 0xffff ||
      cdSize === 0xffffffff ||
      cdOffset === 0xffffffff ||
      (eocd >= 20 && u32(bytes, eocd - 20) === SIG_ZIP64_LOCATOR)
    ) {
      throw new XlsxError(
        'unsupported',
        'This workbook is stored as a ZIP64 archive, which RAG Refresh cannot read. Open it in Excel, save it again, and try again.',
      );
    }
    if (disk !== 0 || cdDisk !== 0 || entriesOnDisk !== entryCount) {
      throw new XlsxError('unsupported', 'This workbook is split over several files (a multi-disk zip).');
    }
    if (cdSize > eocd) throw corrupt('the zip directory is larger than the file');
    // Data before the first entry (a self-extracting stub, say) shifts every offset.
    const shift = eocd - cdSize - cdOffset;
    if (shift < 0) throw corrupt('the zip directory points past the end of the file');
    cdOffset += shift;

    const entries: ZipEntry[] = [];
    let p = cdOffset;
    for (let n = 0; n < entryCount; n++) {
      if (p + 46 > eocd || u32(bytes, p) !== SIG_CENTRAL) throw corrupt(`zip directory record ${n + 1} is damaged`);
      const flags = u16(bytes, p + 8);
      const method = u16(bytes, p + 10);
      const dosTime = u16(bytes, p + 12);
      const dosDate = u16(bytes, p + 14);
      const crc = u32(bytes, p + 16);
      const compressedSize = u32(bytes, p + 20);
      const size = u32(bytes, p + 24);
      const nameLen = u16(bytes, p + 28);
      const extraLen = u16(bytes, p + 30);
      const commentLen = u16(bytes, p + 32);
      const localOffset = u32(bytes, p + 42) + shift;
      const recEnd = p + 46 + nameLen + extraLen + commentLen;
      if (recEnd > eocd) throw corrupt(`zip directory record ${n + 1} runs past the directory`);
      const nameBytes = bytes.subarray(p + 46, p + 46 + nameLen);
      const name = flags & 0x800 ? utf8.decode(nameBytes) : latin1(nameBytes);
      if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset - shift === 0xffffffff) {
        throw new XlsxError('unsupported', 'This workbook uses ZIP64 entries, which RAG Refresh cannot read.');
      }
      if (flags & 0x1) {
        throw new XlsxError('unsupported', `The part "${name}" is encrypted inside the zip, which Excel never does.`);
      }
      // Local header.
      if (localOffset + 30 > len || u32(bytes, localOffset) !== SIG_LOCAL) {
        throw corrupt(`the part "${name}" is missing its header (the file looks truncated)`);
      }
      const localNameLen = u16(bytes, localOffset + 26);
      const localExtraLen = u16(bytes, localOffset + 28);
      const dataStart = localOffset + 30 + localNameLen + localExtraLen;
      let localEnd = dataStart + compressedSize;
      if (localEnd > len) throw corrupt(`the part "${name}" is cut short (the file looks truncated)`);
      if (flags & 0x8) {
        // Data descriptor: crc, sizes; optionally preceded by a signature.
        localEnd += localEnd + 4 <= len && u32(bytes, localEnd) === SIG_DESCRIPTOR ? 16 : 12;
        if (localEnd > len) throw corrupt(`the part "${name}" is cut short (the file looks truncated)`);
      }
      entries.push({
        name,
        method,
        flags,
        crc,
        compressedSize,
        size,
        dosTime,
        dosDate,
        central: bytes.subarray(p, recEnd),
        localStart: localOffset,
        dataStart,
        localEnd,
      });
      p = recEnd;
    }
    return new ZipArchive(bytes, entries, comment);
  }

  /** Case-insensitive lookup (part names in a package are case-insensitive). */
  get(name: string): ZipEntry | undefined {
    return this.byLowerName.get(name.toLowerCase());
  }

  has(name: string): boolean {
    return this.byLowerName.has(name.toLowerCase());
  }

  /** The uncompressed bytes of an entry, CRC-32 and size checked. */
  inflate(entry: ZipEntry): Uint8Array {
    if (entry.size > MAX_PART_SIZE) {
      const mb = (n: number) => Math.round(n / (1024 * 1024)).toLocaleString('en-GB');
      throw new XlsxError(
        'unsupported',
        `The part "${entry.name}" is ${mb(entry.size)} MB when uncompressed, more than RAG Refresh can read (at most ${mb(MAX_PART_SIZE)} MB a part). ` +
          'It is probably padded with empty space or damaged: open the workbook in Excel, save it again, and try again.',
      );
    }
    const raw = this.bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
    let out: Uint8Array;
    if (entry.method === 0) {
      out = raw;
    } else if (entry.method === 8) {
      try {
        out = inflateSync(raw, { out: new Uint8Array(entry.size) });
      } catch (e) {
        throw corrupt(`the part "${entry.name}" cannot be decompressed (${(e as Error).message})`);
      }
    } else {
      throw new XlsxError(
        'unsupported',
        `The part "${entry.name}" uses zip compression method ${entry.method}, which RAG Refresh cannot read.`,
      );
    }
    if (out.length !== entry.size) throw corrupt(`the part "${entry.name}" has the wrong length`);
    if (crc32(out) !== entry.crc) throw corrupt(`the part "${entry.name}" fails its checksum (CRC-32)`);
    return out;
  }

  /** The entry's local record (header, compressed data, data descriptor) exactly as stored. */
  rawRecord(entry: ZipEntry): Uint8Array {
    return this.bytes.subarray(entry.localStart, entry.localEnd);
  }
}

/** One entry of an archive being written. */
export type ZipOutputItem =
  /** Copied byte for byte from a source archive. */
  | { kind: 'raw'; archive: ZipArchive; entry: ZipEntry }
  /** New content, deflated. `like` supplies the time, attributes and comment to keep. */
  | { kind: 'data'; name: string; data: Uint8Array; like?: ZipEntry };

const utf8Encoder = new TextEncoder();

interface Prepared {
  local: Uint8Array[];
  central: Uint8Array;
  localLength: number;
  /** Offset in `central` of the local-header offset field. */
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7e || s.charCodeAt(i) < 0x20) return false;
  return true;
}

function prepareData(name: string, data: Uint8Array, like: ZipEntry | undefined): Prepared {
  const nameBytes = utf8Encoder.encode(name);
  const flags = isAscii(name) ? 0 : 0x800;
  const compressed = deflateSync(data, { level: 6 });
  const crc = crc32(data);
  const time = like ? like.dosTime : 0;
  const date = like ? like.dosDate : DOS_DATE_1980;
  const header = new Uint8Array(30 + nameBytes.length);
  put32(header, 0, SIG_LOCAL);
  put16(header, 4, 20);
  put16(header, 6, flags);
  put16(header, 8, 8);
  put16(header, 10, time);
  put16(header, 12, date);
  put32(header, 14, crc);
  put32(header, 18, compressed.length);
  put32(header, 22, data.length);
  put16(header, 26, nameBytes.length);
  put16(header, 28, 0);
  header.set(nameBytes, 30);

  let comment = new Uint8Array(0);
  let versionMadeBy = 20;
  let internal = 0;
  let external = 0;
  if (like) {
    const c = like.central;
    versionMadeBy = u16(c, 4);
    internal = u16(c, 36);
    external = u32(c, 38);
    const nl = u16(c, 28);
    const el = u16(c, 30);
    const cl = u16(c, 32);
    comment = c.slice(46 + nl + el, 46 + nl + el + cl);
  }
  const central = new Uint8Array(46 + nameBytes.length + comment.length);
  put32(central, 0, SIG_CENTRAL);
  put16(central, 4, versionMadeBy);
  put16(central, 6, 20);
  put16(central, 8, flags);
  put16(central, 10, 8);
  put16(central, 12, time);
  put16(central, 14, date);
  put32(central, 16, crc);
  put32(central, 20, compressed.length);
  put32(central, 24, data.length);
  put16(central, 28, nameBytes.length);
  put16(central, 30, 0);
  put16(central, 32, comment.length);
  put16(central, 34, 0);
  put16(central, 36, internal);
  put32(central, 38, external);
  central.set(nameBytes, 46);
  central.set(comment, 46 + nameBytes.length);
  return { local: [header, compressed], central, localLength: header.length + compressed.length };
}

/** Write a zip: local records in the given order, then the central directory and its end record. */
export function writeZip(items: readonly ZipOutputItem[], comment: Uint8Array = new Uint8Array(0)): Uint8Array {
  if (items.length > 0xffff) throw new XlsxError('unsupported', 'Too many parts for a zip without ZIP64.');
  const prepared: Prepared[] = items.map((item) => {
    if (item.kind === 'raw') {
      const rec = item.archive.rawRecord(item.entry);
      return { local: [rec], central: item.entry.central.slice(), localLength: rec.length };
    }
    return prepareData(item.name, item.data, item.like);
  });
  let offset = 0;
  let cdSize = 0;
  for (const p of prepared) {
    put32(p.central, 42, offset);
    offset += p.localLength;
    cdSize += p.central.length;
  }
  const total = offset + cdSize + 22 + comment.length;
  if (total > 0xffffffff) throw new XlsxError('unsupported', 'The workbook would be larger than 4 GB.');
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of prepared) {
    for (const chunk of p.local) {
      out.set(chunk, o);
      o += chunk.length;
    }
  }
  const cdOffset = o;
  for (const p of prepared) {
    out.set(p.central, o);
    o += p.central.length;
  }
  put32(out, o, SIG_EOCD);
  put16(out, o + 4, 0);
  put16(out, o + 6, 0);
  put16(out, o + 8, prepared.length);
  put16(out, o + 10, prepared.length);
  put32(out, o + 12, cdSize);
  put32(out, o + 16, cdOffset);
  put16(out, o + 20, comment.length);
  out.set(comment, o + 22);
  return out;
}
