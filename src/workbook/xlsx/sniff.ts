/**
 * What kind of file the bytes are, before any zip parsing: an .xlsx package is
 * a zip; a password-protected workbook and an Excel 97-2003 .xls are both
 * Compound File Binary (CFB) containers, told apart by the streams inside.
 */
import { ENCRYPTED_MESSAGE, XLS_MESSAGE, XlsxError } from './errors';

const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export type FileKind = 'zip' | 'cfb' | 'other';

export function sniff(bytes: Uint8Array): FileKind {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const b2 = bytes[2];
    const b3 = bytes[3];
    if ((b2 === 3 && b3 === 4) || (b2 === 5 && b3 === 6) || (b2 === 7 && b3 === 8)) return 'zip';
  }
  if (bytes.length >= 8 && CFB_SIGNATURE.every((b, i) => bytes[i] === b)) return 'cfb';
  return 'other';
}

function u16(b: Uint8Array, o: number): number {
  return b[o] | (b[o + 1] << 8);
}
function u32(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
}

const ENDOFCHAIN = 0xfffffffe;
const FREESECT = 0xffffffff;

/**
 * The names of the entries in a CFB container's directory, or null when the
 * directory cannot be followed (a damaged or truncated container).
 */
export function cfbEntryNames(bytes: Uint8Array): string[] | null {
  try {
    if (bytes.length < 512) return null;
    const sectorShift = u16(bytes, 0x1e);
    if (sectorShift !== 9 && sectorShift !== 12) return null;
    const sectorSize = 1 << sectorShift;
    const sectorOffset = (n: number): number => (n + 1) * sectorSize;
    const fatSectorCount = u32(bytes, 0x2c);
    const firstDirSector = u32(bytes, 0x30);
    let difatSector = u32(bytes, 0x44);
    const difatCount = u32(bytes, 0x48);

    const fatSectors: number[] = [];
    for (let i = 0; i < 109 && fatSectors.length < fatSectorCount; i++) {
      const s = u32(bytes, 0x4c + i * 4);
      if (s === FREESECT) break;
      fatSectors.push(s);
    }
    for (let d = 0; d < difatCount && difatSector !== ENDOFCHAIN && difatSector !== FREESECT; d++) {
      const base = sectorOffset(difatSector);
      if (base + sectorSize > bytes.length) return null;
      const per = sectorSize / 4 - 1;
      for (let i = 0; i < per && fatSectors.length < fatSectorCount; i++) {
        const s = u32(bytes, base + i * 4);
        if (s !== FREESECT) fatSectors.push(s);
      }
      difatSector = u32(bytes, base + per * 4);
    }
    const perSector = sectorSize / 4;
    const fat = (n: number): number => {
      const which = Math.floor(n / perSector);
      if (which >= fatSectors.length) return ENDOFCHAIN;
      const off = sectorOffset(fatSectors[which]) + (n % perSector) * 4;
      if (off + 4 > bytes.length) return ENDOFCHAIN;
      return u32(bytes, off);
    };

    const names: string[] = [];
    let sector = firstDirSector;
    const seen = new Set<number>();
    while (sector !== ENDOFCHAIN && sector !== FREESECT && !seen.has(sector)) {
      seen.add(sector);
      const base = sectorOffset(sector);
      if (base + sectorSize > bytes.length) break;
      for (let e = 0; e < sectorSize / 128; e++) {
        const off = base + e * 128;
        const nameLen = u16(bytes, off + 0x40);
        const type = bytes[off + 0x42];
        if (type === 0 || nameLen < 2 || nameLen > 64) continue;
        let name = '';
        for (let i = 0; i < nameLen / 2 - 1; i++) name += String.fromCharCode(u16(bytes, off + i * 2));
        names.push(name);
      }
      sector = fat(sector);
    }
    return names;
  } catch {
    return null;
  }
}

/** Contains the UTF-16LE text `s` somewhere in the bytes. */
function containsUtf16(bytes: Uint8Array, s: string): boolean {
  const first = s.charCodeAt(0);
  outer: for (let i = 0; i + s.length * 2 <= bytes.length; i++) {
    if (bytes[i] !== first || bytes[i + 1] !== 0) continue;
    for (let j = 1; j < s.length; j++) {
      if (bytes[i + j * 2] !== s.charCodeAt(j) || bytes[i + j * 2 + 1] !== 0) continue outer;
    }
    return true;
  }
  return false;
}

/** The error for a CFB container: a password-protected workbook, or an .xls. */
export function cfbError(bytes: Uint8Array): XlsxError {
  const names = cfbEntryNames(bytes);
  const encrypted = names
    ? names.some((n) => n === 'EncryptedPackage' || n === 'EncryptionInfo')
    : containsUtf16(bytes, 'EncryptedPackage') || containsUtf16(bytes, 'EncryptionInfo');
  if (encrypted) return new XlsxError('encrypted', ENCRYPTED_MESSAGE);
  if (names && names.some((n) => n === 'Workbook' || n === 'Book')) return new XlsxError('xls', XLS_MESSAGE);
  if (names === null) {
    return new XlsxError('corrupt', 'The file looks like an Office file in the old binary format, but it is damaged.');
  }
  return new XlsxError(
    'xls',
    'This is an Office file in the old binary format (like an Excel 97-2003 .xls): open it in Excel and save it as .xlsx, then try again.',
  );
}
