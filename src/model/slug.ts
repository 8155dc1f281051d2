export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Words the subcommands use after a circle id (`circle invites send`), so no circle may be named after them. */
export const RESERVED_IDS = new Set([
  'add', 'all', 'announce', 'cancel', 'export', 'followup', 'help', 'import', 'init', 'invites',
  'list', 'move', 'notify', 'remove', 'send', 'series', 'signups', 'validate', 'waitlist',
]);

/** Lower case without accents ("Sesión" -> "sesion"): how two spellings of a word are compared. */
export function folded(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** A readable id from a title: accents dropped, lower case, words joined by dashes. */
export function slugify(text: string, maxLength = 60): string {
  const slug = folded(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, maxLength).replace(/-+$/, '');
}
