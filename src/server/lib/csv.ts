// The one CSV writer of the product: every CSV it serves or mails goes through toCsv, so that a cell a
// spreadsheet would run as a formula never does (an organisation renamed "=HYPERLINK(…)" lands in programmes,
// registrant lists, exports) and every file opens the same way.

export type CsvCell = string | number | boolean | Date | null | undefined;

export type CsvOptions = {
  /**
   * `excel-fr` (default): what a spreadsheet set to French opens as is: UTF-8 with BOM, `;` between cells, decimal
   * comma. `rfc4180`: `,` between cells, decimal point, no BOM, for programs. Both end lines with CRLF.
   */
  dialect?: 'excel-fr' | 'rfc4180';
};

/**
 * Spreadsheets run a text cell starting with = + - @ (or tab, CR) as a formula: an apostrophe keeps it text. A plain
 * negative amount ("-12,50", written so by a module that wants two decimals) is a number, not a formula: kept as is.
 */
export const neutraliseCell = (text: string) =>
  /^[=+\-@\t\r]/.test(text) && !/^-\d+([.,]\d+)?$/.test(text) ? `'${text}` : text;

function cellText(value: CsvCell, decimalComma: boolean): string {
  if (value === null || value === undefined) return '';
  // Numbers are data, not text: -3 stays -3 (only text can carry a formula).
  if (typeof value === 'number') return decimalComma ? String(value).replace('.', ',') : String(value);
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (value instanceof Date) return value.toISOString();
  return neutraliseCell(value);
}

/** Header and rows as CSV text, each text cell neutralised and quoted when it holds the separator, a quote or a line break. */
export function toCsv(header: string[], rows: CsvCell[][], opts: CsvOptions = {}): string {
  const excel = (opts.dialect ?? 'excel-fr') === 'excel-fr';
  const separator = excel ? ';' : ',';
  const needsQuotes = excel ? /[;"\r\n]/ : /[,"\r\n]/;
  const line = (cells: CsvCell[]) =>
    cells
      .map((c) => {
        const text = cellText(c, excel);
        return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
      })
      .join(separator);
  return `${excel ? '\uFEFF' : ''}${[header, ...rows].map(line).join('\r\n')}\r\n`;
}
