/*
 * Which delimiter a file uses: comma, semicolon (European Excel) or tab. Decided once per file
 * from the header record, checked against the next record, because csv-parse's own detection
 * is unreliable on small files and a list of delimiters would split "12,50" in two.
 */

export type Delimiter = ',' | ';' | '\t';
const CANDIDATES: readonly Delimiter[] = [',', ';', '\t'];

interface Scan {
  counts: Map<Delimiter, number>;
  end: number;
}

/** Counts delimiters outside quotes in the record that starts at `start`. */
function scanRecord(text: string, start: number): Scan {
  const counts = new Map<Delimiter, number>(CANDIDATES.map((c) => [c, 0]));
  let quoted = false;
  let i = start;
  for (; i < text.length; i++) {
    const char = text[i];
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && (char === ',' || char === ';' || char === '\t')) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  while (text[i] === '\r' || text[i] === '\n') i++;
  return { counts, end: i };
}

/** Excel's `sep=;` first line names the delimiter and is not part of the table. */
export function separatorLine(text: string): { delimiter: Delimiter; length: number } | undefined {
  const match = /^sep=([,;\t])\r?\n/.exec(text);
  return match ? { delimiter: match[1] as Delimiter, length: match[0].length } : undefined;
}

export function detectDelimiter(text: string): Delimiter {
  const header = scanRecord(text, 0);
  const next = header.end < text.length ? scanRecord(text, header.end) : undefined;
  const used = CANDIDATES.filter((c) => (header.counts.get(c) ?? 0) > 0);
  if (used.length === 0) {
    // One column in the header: trust the data row, if any delimiter shows there.
    return CANDIDATES.find((c) => (next?.counts.get(c) ?? 0) > 0) ?? ',';
  }
  if (used.length === 1) return used[0] as Delimiter;
  const consistent = next ? used.filter((c) => next.counts.get(c) === header.counts.get(c)) : [];
  const pool = consistent.length ? consistent : used;
  return pool.reduce((best, c) => ((header.counts.get(c) ?? 0) > (header.counts.get(best) ?? 0) ? c : best));
}
