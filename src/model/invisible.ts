/*
 * Characters a reader cannot see but that change what text says or does. Shared by the checks of
 * circle files, the cleaning of imported names and the names in mail headers.
 */

/** Bidi controls: a right-to-left override makes "ana@example.org" read as "gro.elpmaxe@ana". */
export const BIDI = '\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069';
/** Control characters (line breaks, tabs, terminal escapes) and the Unicode line and paragraph separators. */
export const CONTROL = '\u0000-\u001f\u007f-\u009f\u2028\u2029';
