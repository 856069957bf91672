import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrPng, signCheckinToken } from '../modules/registrations/registrations.tokens.ts';
import { bilevelPng } from './png-bilevel.ts';

describe('bilevelPng', () => {
  it('writes a one-bit PNG that a general decoder reads back pixel for pixel', () => {
    const cells = [
      [1, 0, 1],
      [0, 1, 0],
      [1, 1, 0],
    ];
    const png = PNG.sync.read(bilevelPng(3, (r, c) => cells[r][c] === 1, { scale: 3, margin: 1 }));
    expect([png.width, png.height]).toEqual([15, 15]);
    const darkAt = (x: number, y: number) => png.data[(y * png.width + x) * 4] === 0;
    for (let y = 0; y < 15; y++) {
      for (let x = 0; x < 15; x++) {
        const [r, c] = [Math.floor(y / 3) - 1, Math.floor(x / 3) - 1];
        const expected = r >= 0 && r < 3 && c >= 0 && c < 3 && cells[r][c] === 1;
        expect(darkAt(x, y), `pixel ${x},${y}`).toBe(expected);
      }
    }
  });

  it('draws a ticket QR code that a scanner reads as its check-in token, with the quiet zone kept', async () => {
    const token = signCheckinToken('secret', crypto.randomUUID());
    const png = PNG.sync.read(await qrPng(token));
    const size = QRCode.create(token, { errorCorrectionLevel: 'M' }).modules.size;
    expect(png.width).toBe((size + 8) * 8);
    // The four-cell border is white all round.
    for (let x = 0; x < png.width; x++) expect(png.data[x * 4]).toBe(255);
    const read = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(read?.data).toBe(token);
  });
});
