/*
 * Text as it may go into a calendar property. The `ics` package escapes commas, semicolons,
 * backslashes and "\n" in text values, but passes a lone CR, other control characters and, in
 * parameter values such as CN, a quote written as `\"` that parsers reject. These rules make
 * sure nothing from a circle file or a roster can end a line or a parameter early.
 */

// C0 controls except tab and line feed, DEL, C1 controls: not allowed in iCalendar text.
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
const LINE_BREAKS = /\r\n|[\r\n\u0085\u2028\u2029]/g;

/** Several lines of text (a summary, a topic): line breaks kept as "\n", accents composed (NFC). */
export function cleanText(text: string): string {
  return text.normalize('NFC').replace(LINE_BREAKS, '\n').replace(CONTROLS, '').trim();
}

/** One line of text (a title, a platform): every line break and tab becomes one space. */
export function cleanLine(text: string): string {
  return cleanText(text).replace(/[\n\t]+/g, ' ').replace(/ {2,}/g, ' ');
}

/**
 * A person's name, safe in a quoted CN parameter as well as in text: one line, and ASCII double
 * quotes turned into single ones, since RFC 5545 has no escape for a quote in a parameter.
 */
export function cleanName(name: string): string {
  return cleanLine(name).replace(/"/g, "'");
}
