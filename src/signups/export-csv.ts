/*
 * Cells a spreadsheet would run as a formula: starting with =, +, -, @, tab, CR or LF, also after
 * leading spaces (which csv-stringify's escape_formulas misses). A leading apostrophe makes them
 * text in Excel, LibreOffice and Google Sheets.
 */
const FORMULA = /^[\s\u00A0]*[=+\-@]|^[\t\r\n]/;

export function neutralise(cell: string): string {
  return FORMULA.test(cell) ? `'${cell}` : cell;
}
