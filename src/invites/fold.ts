/*
 * RFC 5545 3.1: content lines are at most 75 octets, folded with CRLF and one space. The `ics`
 * package folds at 75 characters, so accented text gives longer lines (see the field notes);
 * every calendar we write is unfolded and folded again here by octets.
 */

const LIMIT = 75;
const encoder = new TextEncoder();

// One code point, or a backslash escape with the character it escapes: never split either.
const UNITS = /\\[\s\S]|[\s\S]/gu;

/** One logical line folded into physical lines of at most 75 octets, joined by CRLF + space. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let size = 0;
  // A continuation line starts with the space that marks it, which counts towards its 75 octets.
  let room = LIMIT;
  for (const unit of line.match(UNITS) ?? []) {
    const bytes = encoder.encode(unit).length;
    if (size + bytes > room && current !== '') {
      parts.push(current);
      current = '';
      size = 0;
      room = LIMIT - 1;
    }
    current += unit;
    size += bytes;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** Logical lines of a calendar: folds (CRLF followed by a space or a tab) joined back. */
export function unfoldLines(calendar: string): string[] {
  return calendar
    .replace(/\r?\n[ \t]/g, '')
    .split(/\r?\n/)
    .filter((line) => line !== '');
}

/** Lines folded by octets and ended with CRLF, the last one too. */
export function foldLines(lines: readonly string[]): string {
  return lines.map((line) => `${foldLine(line)}\r\n`).join('');
}
