/** One argument as a POSIX shell (sh, bash, zsh) reads it back: bare when nothing in it is special, else in single quotes. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
