/** Shared helpers for the file shell's tests. */
import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import { inflateSync } from 'fflate';

import { FILE_FIXTURES, REAL_WORKBOOKS } from '../../helpers/workbooks';

export const REAL_DIR = REAL_WORKBOOKS;
export const FIXTURE_DIR = FILE_FIXTURES;

export function realWorkbooks(): { name: string; bytes: Uint8Array }[] {
  return readdirSync(REAL_DIR)
    .filter((f) => f.endsWith('.xlsx'))
    .sort()
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(REAL_DIR, name))) }));
}

export function fileFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURE_DIR, name)));
}

export const CHARTS_FIXTURE = 'excelize_book1_charts_images_comments.xlsx';

/** Every entry of a zip, inflated, by name, read with an independent minimal reader (fflate). */
export function unzipParts(bytes: Uint8Array): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= 0; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('no end of central directory');
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const dec = new TextDecoder();
  for (let n = 0; n < count; n++) {
    const method = view.getUint16(p + 10, true);
    const csize = view.getUint32(p + 20, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const local = view.getUint32(p + 42, true);
    const name = dec.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    const lnl = view.getUint16(local + 26, true);
    const lel = view.getUint16(local + 28, true);
    const data = bytes.subarray(local + 30 + lnl + lel, local + 30 + lnl + lel + csize);
    out.set(name, method === 0 ? data.slice() : inflateSync(data));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

export function text(bytes: Uint8Array | undefined): string {
  if (!bytes) throw new Error('missing part');
  return new TextDecoder().decode(bytes);
}

export function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
