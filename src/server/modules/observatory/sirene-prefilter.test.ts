import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { keepLegalUnits } from './sirene-prefilter.ts';
import type { OpenedSource } from './sirene-source.ts';

const dir = mkdtempSync(join(tmpdir(), 'maillage-prefilter-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lines = [
  'siren,statut,denomination',
  '111111111,O,UN',
  '222222222,O,"DEUX, AVEC ""GUILLEMETS"" ET',
  'UN RETOUR À LA LIGNE"',
  '333333333,O,TROIS',
  '"444444444",O,QUATRE ENTRE GUILLEMETS',
  'ABC,O,SIREN MAL FORMÉ',
  '555555555,O,"CINQ ""GARDÉ"""',
  '666666666,O,"SIX SUR',
  'TROIS',
  'LIGNES"',
  '777777777,O,SEPT SANS FIN DE LIGNE',
];
const source = (path: string, format: 'csv' | 'gzip', bytes: number): OpenedSource => ({
  path,
  format,
  bytes,
  header: ['siren', 'statut', 'denomination'],
  bytesPerRow: 20,
  cleanup: async () => {},
});
const wanted = ['222222222', '444444444', 'ABC', '555555555', '666666666', '777777777'];

describe('cutting the legal units file down to the wanted units', () => {
  for (const [name, eol, chunk] of [
    ['LF, one chunk', '\n', 1 << 20],
    ['CRLF, chunks of 7 bytes (records split anywhere)', '\r\n', 7],
    ['LF, chunks of 1 byte', '\n', 1],
  ] as const)
    it(`keeps the header and the wanted records, quotes and newlines inside fields included (${name})`, async () => {
      const text = lines.join(eol);
      const path = join(dir, `ul-${chunk}.csv`);
      writeFileSync(path, text);
      const r = await keepLegalUnits(
        source(path, 'csv', text.length),
        wanted,
        `${path}.out`,
        undefined,
        chunk,
      );
      const kept = readFileSync(`${path}.out`, 'utf8').split(eol);
      expect(kept).toEqual([lines[0], lines[2], lines[3], lines[5], lines[6], lines[7], ...lines.slice(8)]);
      expect([...r.lineOf]).toEqual([1, 3, 4, 6, 7, 8, 9, 10, 11, 12]);
      expect(r.records).toBe(8);
    });

  it('ends a record whose quote never closes at its first newline, and goes on reading', async () => {
    const filler = Array.from({ length: 12_000 }, (_, i) => `${String(100000000 + i)},O,${'X'.repeat(90)}`);
    const text = [lines[0], '888888888,O,"GUILLEMET JAMAIS FERMÉ', ...filler, '999999999,O,APRÈS'].join('\n');
    const path = join(dir, 'broken.csv');
    writeFileSync(path, text);
    const r = await keepLegalUnits(
      source(path, 'csv', text.length),
      ['888888888', '999999999'],
      `${path}.out`,
    );
    expect(readFileSync(`${path}.out`, 'utf8').split('\n')).toEqual([
      lines[0],
      '888888888,O,"GUILLEMET JAMAIS FERMÉ',
      '999999999,O,APRÈS',
    ]);
    expect([...r.lineOf]).toEqual([1, 2, 12_003]);
  });

  it('reads gzip files', async () => {
    const path = join(dir, 'ul.csv.gz');
    writeFileSync(path, gzipSync(`${lines.join('\n')}\n`));
    const r = await keepLegalUnits(source(path, 'gzip', 100), ['333333333'], `${path}.out`);
    expect(readFileSync(`${path}.out`, 'utf8')).toBe(`${lines[0]}\n${lines[4]}\n`);
    expect([...r.lineOf]).toEqual([1, 5]);
  });

  it('refuses a file that is not UTF-8, wherever the bad bytes are', async () => {
    const path = join(dir, 'latin1.csv');
    writeFileSync(path, Buffer.from(`${lines.slice(0, 2).join('\n')}\n999999999,O,SOCIÉTÉ\n`, 'latin1'));
    await expect(
      keepLegalUnits(source(path, 'csv', 100), ['111111111'], `${path}.out`, undefined, 16),
    ).rejects.toThrow(/pas en UTF-8/);
  });
});
