// Draws resources/icon.png (512×512) from the same shapes as resources/icon.svg, with no dependencies: the shapes
// are rasterised with 4×4 supersampling and written as an RGBA PNG through zlib. Run: node resources/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const S = SIZE / 64; // the SVG is drawn on a 64-unit grid
const BLUE = [0x2f, 0x6f, 0xed];

const inRoundRect = (x, y, x0, y0, x1, y1, r) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const arrow = [
  [32, 14],
  [47, 31],
  [37, 31],
  [37, 48],
  [27, 48],
  [27, 31],
  [17, 31],
].map(([x, y]) => [x * S, y * S]);
const inPolygon = (x, y, poly) => {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
};

/** Colour of one sample point: [r, g, b, a] with a in 0..1. */
function sample(x, y) {
  if (!inRoundRect(x, y, 2 * S, 2 * S, 62 * S, 62 * S, 14 * S)) return [0, 0, 0, 0];
  if (inPolygon(x, y, arrow)) return [255, 255, 255, 1];
  if (inRoundRect(x, y, 17 * S, 51 * S, 47 * S, 55 * S, 2 * S)) {
    return BLUE.map((c) => c + (255 - c) * 0.8).concat(1);
  }
  return [...BLUE, 1];
}

const rows = [];
for (let py = 0; py < SIZE; py++) {
  const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0, then RGBA
  for (let px = 0; px < SIZE; px++) {
    let r = 0,
      g = 0,
      b = 0,
      a = 0;
    for (let sy = 0; sy < 4; sy++) {
      for (let sx = 0; sx < 4; sx++) {
        const [cr, cg, cb, ca] = sample(px + (sx + 0.5) / 4, py + (sy + 0.5) / 4);
        r += cr * ca;
        g += cg * ca;
        b += cb * ca;
        a += ca;
      }
    }
    const o = 1 + px * 4;
    row[o] = a ? Math.round(r / a) : 0;
    row[o + 1] = a ? Math.round(g / a) : 0;
    row[o + 2] = a ? Math.round(b / a) : 0;
    row[o + 3] = Math.round((a / 16) * 255);
  }
  rows.push(row);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
console.log(`resources/icon.png: ${png.length} bytes`);
