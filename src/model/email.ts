/**
 * The one email rule of the tool (circle files, imports, invitations, mail).
 * WHATWG's address syntax, ASCII only, with a dot in the domain: what SMTP servers and
 * calendar clients accept without SMTPUTF8. No quotes, spaces or line breaks can get through,
 * and the local part is dot-separated words (RFC 5321 dot-string): no "a..b", ".a" or "a.".
 */
export const EMAIL_PATTERN =
  /^(?=[^@]{1,64}@)[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

// Spreadsheets and forms leave non-breaking and zero-width spaces around pasted addresses.
const EDGE_SPACE = /^[\s\u00A0\u2007\u202F\u200B\uFEFF]+|[\s\u00A0\u2007\u202F\u200B\uFEFF]+$/g;

/** The address as the person gave it, without surrounding spaces of any kind. */
export function cleanEmail(raw: string): string {
  // Most addresses start and end with a printable ASCII character: nothing to clean, no pattern to run.
  const first = raw.charCodeAt(0);
  const last = raw.charCodeAt(raw.length - 1);
  if (first > 32 && first < 127 && last > 32 && last < 127) return raw;
  return raw.replace(EDGE_SPACE, '');
}

export function isValidEmail(address: string): boolean {
  return address.length <= 254 && EMAIL_PATTERN.test(address);
}

/** Two spellings of one address are one person: compare the whole address lower-cased. */
export function emailKey(address: string): string {
  return cleanEmail(address).toLowerCase();
}

const SHOWN = 60;

/** A value as an error quotes it: whole when short, else its start and its length (a pasted file must not flood the terminal). */
export function quoted(value: string): string {
  if (value.length <= SHOWN) return JSON.stringify(value);
  return `${JSON.stringify(value.slice(0, SHOWN))}… (${value.length.toLocaleString('en')} characters)`;
}
