import { FixedOffsetZone, type Zone } from 'luxon';
import { parse } from 'csv-parse/sync';
import { refused } from '../failure.js';
import { cleanEmail, isValidEmail, quoted } from '../model/email.js';
import type { Language } from '../model/schema.js';
import type { Incoming } from '../roster/seats.js';
import { instant } from '../roster/types.js';
import { decodeExport } from './decode.js';
import { detectDelimiter, separatorLine, type Delimiter } from './delimiter.js';
import { describeColumn, findHeader, mapColumns, type ColumnMap, type Field } from './headers.js';
import { preferredLanguage } from './language.js';
import { circleWindow, timeColumn, type DateOrder } from './timestamps.js';
import { tidy } from '../model/invisible.js';

/*
 * A form export, from bytes to rows the roster rules can take: decoded, split by its own
 * delimiter, columns found, every row checked. Rows are numbered as a spreadsheet shows them
 * (the header is row 1), so a report can send the user straight to the row.
 */

/** A row as the rosters take it (language left out when the answer names none), with its session answer. */
export interface ExportRow extends Incoming {
  via: 'import';
  file: string;
  /** The spreadsheet row: the header is row 1. */
  row: number;
  /** The file has no timestamp column: signedUp is the time of the import, and file order ranks rows. */
  untimed: true | undefined;
  /** The session column's answer, for series imports. */
  sessions: string | undefined;
}

export interface RowProblem {
  row: number;
  /** The last row of a run of empty lines, reported as one problem so a million of them cost one (--json lists each row). */
  through?: number;
  reason: string;
}

/** How many rows the problems are about, a run of blank rows counting each of its rows. */
export const rowsIn = (problems: readonly RowProblem[]): number => problems.reduce((n, p) => n + (p.through ?? p.row) - p.row + 1, 0);

export interface ExportFile {
  file: string;
  encoding: string;
  guessedEncoding: boolean;
  /** What was decided about an encoding not given and not plain UTF-8. */
  encodingWarning: string | undefined;
  delimiter: Delimiter;
  headers: string[];
  columns: Partial<Record<Field, string>>;
  dateOrder?: DateOrder;
  timed: boolean;
  /** Data rows in the file (blank ones included). */
  rowCount: number;
  rows: ExportRow[];
  problems: RowProblem[];
}

export interface ReadOptions {
  file: string;
  encoding?: string;
  maps?: string[];
  dateFormat?: string;
  zone: Zone;
  sessionColumn?: string;
  /** When the file is imported (the caller's clock): the signup time of every row of a file without a timestamp column. */
  importedAt: string;
  /** When the circles start (epoch ms): a signup time years away from them is a typo. */
  circleStarts?: readonly number[];
}

/** The records of a file, each with its spreadsheet row (the header is row 1; a field with line breaks is one row). */
interface Records {
  records: string[][];
  /** The row of records[i]; absent when every row is a record (no empty line), so rows[i] is i + 1. */
  rows?: number[];
  /** Empty lines (blank rows of the spreadsheet), a run of them as one. */
  emptyRuns: RowProblem[];
}

// csv-parse takes about 50 µs for each empty line it returns as a record, more than for a full row: skipped, a million take milliseconds.
const hasEmptyLine = (content: string | Buffer) =>
  typeof content === 'string'
    ? /^\r?\n|\n\r?\n/.test(content)
    : content[0] === 10 || (content[0] === 13 && content[1] === 10) || content.includes('\n\n') || content.includes('\n\r\n');

function parseRecords(content: string | Buffer, delimiter: Delimiter, file: string): Records {
  try {
    // Default options where they suffice: each extra csv-parse option costs on a 100,000-row file.
    const options = { delimiter, relax_column_count: true, relax_quotes: true } as const;
    if (!hasEmptyLine(content)) return { records: parse(content, { ...options, skip_empty_lines: false }) as string[][], emptyRuns: [] };
    const withInfo = parse(content, { ...options, skip_empty_lines: true, info: true }) as unknown as Array<{ record: string[]; info: { records: number; empty_lines: number } }>;
    const records: string[][] = [];
    const rows: number[] = [];
    const emptyRuns: RowProblem[] = [];
    let empties = 0;
    for (const { record, info } of withInfo) {
      // Empty lines skipped since the last record were the rows just before this one.
      if (info.empty_lines > empties) {
        const [row, through] = [info.records + empties, info.records + info.empty_lines - 1];
        emptyRuns.push({ row, ...(through > row ? { through } : {}), reason: 'blank row' });
        empties = info.empty_lines;
      }
      records.push(record);
      rows.push(info.records + info.empty_lines);
    }
    return { records, rows, emptyRuns };
  } catch (cause) {
    const message = (cause as Error).message.replace(/^Invalid /, 'invalid ');
    throw refused('input', `${file}: not readable as CSV: ${message}`, 'check the quotes on that line, or download the export again');
  }
}

const NON_BLANK = /\S/;
function isBlank(record: readonly string[]): boolean {
  for (const value of record) if (value !== '' && NON_BLANK.test(value)) return false;
  return true;
}

/** Every line ends in CRLF: csv-parse can take the bytes as they are. */
function crlfThroughout(bytes: Buffer): boolean {
  let lf = 0;
  for (let at = bytes.indexOf(10); at >= 0; at = bytes.indexOf(10, at + 1), lf++) if (bytes[at - 1] !== 13) return false;
  let cr = 0;
  for (let at = bytes.indexOf(13); at >= 0; at = bytes.indexOf(13, at + 1)) cr++;
  return cr === lf;
}

/** What csv-parse reads, with one kind of line end: it takes the first it meets for the whole file, and a hand-edited file can mix them. */
function oneLineEnd(content: Buffer | string): Buffer | string {
  if (typeof content !== 'string') return !content.includes(13) || crlfThroughout(content) ? content : oneLineEnd(content.toString('utf8'));
  return content.includes('\r') ? content.replace(/\r\n?/g, '\n') : content;
}

export function readExport(bytes: Uint8Array, options: ReadOptions): ExportFile {
  const decoded = decodeExport(bytes, options.file, options.encoding);
  let content = oneLineEnd(decoded.content);
  const sep = separatorLine(typeof content === 'string' ? content.slice(0, 16) : content.subarray(0, 16).toString('latin1'));
  if (sep) content = typeof content === 'string' ? content.slice(sep.length) : content.subarray(sep.length);
  const delimiter = sep?.delimiter ?? detectDelimiter(decoded.head);
  const { records, rows: rowNumbers, emptyRuns } = parseRecords(content, delimiter, options.file);
  const headers = (records[0] ?? []).map((h) => h.trim());
  if (headers.every((h) => h === '')) throw refused('input', `${options.file}: the first row is empty`, 'the export should start with a header row (Timestamp, Email Address, …)');
  const sessionIndex = options.sessionColumn === undefined ? undefined : findHeader(headers, options.sessionColumn, '--session-column');
  const map: ColumnMap = mapColumns(headers, options.maps ?? [], records.slice(1, 51), options.file);
  const { columns } = map;
  const cell = (record: string[], index: number | undefined) => (index === undefined ? undefined : record[index]);
  const { email: emailIndex, name: nameIndex, first_name: firstIndex, last_name: lastIndex, language: languageIndex, organisation: orgIndex, country: countryIndex, time: timeIndex } = columns;

  // A form has a handful of distinct answers: each is mapped once.
  const languages = new Map<string, Language | null>();
  const languageOf = (answer: string) => {
    let language = languages.get(answer);
    if (language === undefined) languages.set(answer, (language = preferredLanguage(answer) ?? null));
    return language ?? undefined;
  };
  const rows: ExportRow[] = [];
  const times: string[] = [];
  const problems: RowProblem[] = [...emptyRuns];
  const untimed = timeIndex === undefined ? true : undefined;
  const { importedAt } = options;
  for (let i = 1; i < records.length; i++) {
    const record = records[i] as string[];
    const row = rowNumbers?.[i] ?? i + 1;
    if (isBlank(record)) {
      problems.push({ row, reason: 'blank row' });
      continue;
    }
    const email = cleanEmail(cell(record, emailIndex) ?? '');
    if (email === '') problems.push({ row, reason: 'no email' });
    else if (!isValidEmail(email)) problems.push({ row, reason: `invalid email ${quoted(email)}` });
    else {
      const first = tidy(cell(record, firstIndex));
      const last = tidy(cell(record, lastIndex));
      const name = tidy(cell(record, nameIndex)) ?? (first && last ? `${first} ${last}` : (first ?? last));
      // One object shape for every row (absent fields undefined): spreads would cost seconds on 100,000 rows.
      rows.push({
        name,
        email,
        language: languageIndex === undefined ? undefined : languageOf(record[languageIndex] ?? ''),
        organisation: tidy(cell(record, orgIndex)),
        country: tidy(cell(record, countryIndex)),
        signedUp: importedAt,
        via: 'import',
        file: options.file,
        row,
        untimed,
        sessions: sessionIndex === undefined ? undefined : (record[sessionIndex] ?? ''),
      });
      if (timeIndex !== undefined) times.push((record[timeIndex] ?? '').trim());
    }
  }

  let dateOrder: DateOrder | undefined;
  let timed = rows;
  if (timeIndex !== undefined) {
    const header = headers[timeIndex] ?? '';
    const zone = map.timeIsUtc ? FixedOffsetZone.utcInstance : options.zone;
    const time = timeColumn(times, { zone, file: options.file, header, rowOf: (i) => rows[i]?.row ?? 0, ...(options.dateFormat ? { dateFormat: options.dateFormat } : {}) });
    dateOrder = time.order;
    timed = [];
    let firstUnreadable: string | undefined;
    const farFromCircles = circleWindow(options.circleStarts ?? [], Date.parse(importedAt));
    rows.forEach((r, i) => {
      const value = times[i] ?? '';
      const signedUp = value === '' ? undefined : time.read(value);
      const far = signedUp === undefined ? undefined : farFromCircles(value, signedUp);
      if (far !== undefined) problems.push({ row: r.row, reason: far });
      else if (signedUp !== undefined) {
        r.signedUp = instant(signedUp);
        timed.push(r);
      } else {
        if (value !== '') firstUnreadable ??= value;
        problems.push({ row: r.row, reason: value === '' ? 'no timestamp' : `timestamp ${JSON.stringify(value)} is not a date and time I can read` });
      }
    });
    if (timed.length === 0 && firstUnreadable !== undefined) {
      throw refused('input',
        `${options.file}: no value in ${describeColumn(headers, timeIndex)} is a date and time I can read, e.g. "${firstUnreadable}"`,
        'pass --date-format with luxon tokens, e.g. --date-format "d LLL yyyy HH:mm", or --map time= to rank by file order',
      );
    }
  }
  problems.sort((a, b) => a.row - b.row);
  const named = Object.fromEntries(Object.entries(columns).map(([field, index]) => [field, headers[index as number] ?? ''])) as Partial<Record<Field, string>>;
  return {
    file: options.file,
    encoding: decoded.encoding,
    guessedEncoding: decoded.guessed,
    encodingWarning: decoded.warning,
    delimiter,
    headers,
    columns: named,
    ...(dateOrder ? { dateOrder } : {}),
    timed: timeIndex !== undefined,
    rowCount: records.length - 1 + rowsIn(emptyRuns),
    rows: timed,
    problems,
  };
}
