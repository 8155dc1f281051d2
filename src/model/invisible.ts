/*
 * Characters a reader cannot see but that change what text says or does. Shared by the checks of
 * circle files, the cleaning of names (imported or given on the command line) and the names in mail headers.
 */

/** Bidi controls: a right-to-left override makes "ana@example.org" read as "gro.elpmaxe@ana". */
export const BIDI = '\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069';
/** Control characters (line breaks, tabs, terminal escapes) and the Unicode line and paragraph separators. */
export const CONTROL = '\u0000-\u001f\u007f-\u009f\u2028\u2029';

// Line breaks, control characters (a terminal escape in a name) and bidi controls (a right-to-left
// override that shows "gro.elpmaxe" backwards) have no place in a name or a mail header.
// Zero-width spaces and byte-order marks come along from pasted text and Excel.
const INVISIBLE = `${CONTROL}${BIDI}\u200b\ufeff`;
const UNTIDY = new RegExp(`^\\s|\\s$|\\s\\s|[\u00a0${INVISIBLE}]`);
const STRIPPED = new RegExp(`[${INVISIBLE}]`, 'g');

/** A person's name (or organisation, country) as one line of plain text: invisible characters gone, spaces single; undefined when nothing is left. */
export function tidy(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (!UNTIDY.test(value)) return value;
  const text = value.replace(/\s+/g, ' ').replace(STRIPPED, '').trim();
  return text ? text : undefined;
}
