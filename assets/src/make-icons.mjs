#!/usr/bin/env node
/**
 * Draws the RAG Refresh icons (a traffic light: red, amber and green lamps in
 * a dark housing) and writes them as PNG files, with no dependency beyond
 * Node's zlib. Run: node assets/src/make-icons.mjs
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SIZES = [16, 32, 64, 80, 128];

const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** RGBA pixels (width*height*4) to a PNG file. */
export function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // no filter
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const HOUSING = [0x24, 0x2a, 0x33];
const LAMPS = [
  [0xd1, 0x34, 0x38], // red
  [0xf2, 0xa9, 0x00], // amber
  [0x10, 0x7c, 0x41], // green
];

/** Colour at a point of the unit square (0..1), or null for transparent. */
function shade(u, v) {
  // Housing: a rounded rectangle, centred, 60% wide, 94% tall.
  const hw = 0.3;
  const hh = 0.47;
  const r = 0.16;
  const dx = Math.max(Math.abs(u - 0.5) - (hw - r), 0);
  const dy = Math.max(Math.abs(v - 0.5) - (hh - r), 0);
  if (dx * dx + dy * dy > r * r) return null;
  for (let i = 0; i < 3; i++) {
    const cy = 0.2 + i * 0.3;
    const d = Math.hypot(u - 0.5, v - cy);
    if (d <= 0.125) return LAMPS[i];
  }
  return HOUSING;
}

export function drawIcon(size) {
  const ss = 4; // supersampling per axis
  const rgba = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const c = shade((x + (sx + 0.5) / ss) / size, (y + (sy + 0.5) / ss) / size);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
      const o = (y * size + x) * 4;
      if (a > 0) {
        rgba[o] = Math.round(r / a);
        rgba[o + 1] = Math.round(g / a);
        rgba[o + 2] = Math.round(b / a);
        rgba[o + 3] = Math.round((255 * a) / (ss * ss));
      }
    }
  }
  return encodePng(size, size, rgba);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const size of SIZES) {
    const file = join(OUT, `icon-${size}.png`);
    writeFileSync(file, drawIcon(size));
    console.log(`wrote ${file}`);
  }
}
