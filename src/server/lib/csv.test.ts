import { describe, expect, it } from 'vitest';
import { neutraliseCell, toCsv } from './csv.ts';

describe('the CSV writer', () => {
  it('keeps a text cell a spreadsheet would run as a formula as text', () => {
    expect(
      ['=1+1', '+33', '-2+3', '-1+cmd|x', '@SUM', '\tx', '\rx', 'ok', 'a=b', '-12,50'].map(neutraliseCell),
    ).toEqual([
      "'=1+1",
      "'+33",
      "'-2+3",
      "'-1+cmd|x",
      "'@SUM",
      "'\tx",
      "'\rx",
      'ok',
      'a=b',
      '-12,50', // a plain negative amount is a number, not a formula
    ]);
  });

  it('writes French Excel by default: BOM, `;`, CRLF, decimal comma, quotes where needed', () => {
    expect(
      toCsv(
        ['a', 'b', 'n'],
        [
          ['=x', 'y;z', -2.5],
          ['"q"', 'l1\nl2', null],
        ],
      ),
    ).toBe('\uFEFFa;b;n\r\n\'=x;"y;z";-2,5\r\n"""q""";"l1\nl2";\r\n');
  });

  it('writes plain RFC 4180 on request, still neutralising formulas', () => {
    expect(toCsv(['a', 'b'], [['=HYPERLINK("x")', 1.5]], { dialect: 'rfc4180' })).toBe(
      'a,b\r\n"\'=HYPERLINK(""x"")",1.5\r\n',
    );
  });
});
