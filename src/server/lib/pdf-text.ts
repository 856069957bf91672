// Text for the PDFs the server writes (the printed programme, membership documents) with pdfkit's standard fonts.

/**
 * Text for the PDF's standard Helvetica, which pdfkit writes in WinAnsi (Latin-1 plus ’ “ ” – — … € Œ œ): French
 * typography (’ for a straight apostrophe between letters, no-break spaces inside « »), narrow no-break and thin spaces
 * as no-break ones, and whatever WinAnsi cannot show dropped rather than printed as a wrong glyph.
 */
export function pdfText(s: string): string {
  return s
    .replace(/(\p{L})'(?=\p{L})/gu, '$1’')
    .replace(/« /g, '«\u00a0')
    .replace(/ »/g, '\u00a0»')
    .replace(/[\u202f\u2009]/g, '\u00a0')
    .replace(
      /[^\t\n\r\u0020-\u007e\u00a0-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]/gu,
      '',
    );
}
