import { crc32, deflateSync } from 'node:zlib';

// A black-and-white image as a PNG of one bit per pixel (greyscale, bit depth 1): what a QR code needs, about
// 30 times fewer bytes to filter and compress than the RGBA image a general encoder builds, so a rush of confirmed
// sign-ups spends little time drawing tickets.

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/**
 * A square grid of `size` × `size` cells (`dark(row, col)`), each drawn as `scale` × `scale` pixels, with a light
 * border of `margin` cells, as PNG bytes.
 */
export function bilevelPng(
  size: number,
  dark: (row: number, col: number) => boolean,
  { scale, margin }: { scale: number; margin: number },
): Buffer {
  const side = (size + 2 * margin) * scale;
  const rowBytes = Math.ceil(side / 8);
  // One row of cells, drawn once and repeated `scale` times (each pixel row starts with filter byte 0, "none").
  const raw = Buffer.alloc((rowBytes + 1) * side);
  const line = Buffer.alloc(rowBytes);
  for (let r = -margin; r < size + margin; r++) {
    line.fill(0xff); // bit 1 = white in greyscale
    if (r >= 0 && r < size) {
      for (let c = 0; c < size; c++) {
        if (!dark(r, c)) continue;
        const x0 = (c + margin) * scale;
        for (let x = x0; x < x0 + scale; x++) line[x >> 3] &= ~(0x80 >> (x & 7));
      }
    }
    const y0 = (r + margin) * scale;
    for (let y = y0; y < y0 + scale; y++) line.copy(raw, y * (rowBytes + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // greyscale
  // compression, filter method and interlace stay 0
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 6 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
