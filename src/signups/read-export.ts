import { FixedOffsetZone, type Zone } from 'luxon';
import { parse } from 'csv-parse/sync';
import { inputError, usageError } from '../errors.js';
import { cleanEmail, isValidEmail } from '../model/email.js';
import type { Language } from '../model/schema.js';
import { decodeExport } from './decode.js';
import { detectDelimiter, separatorLine, type Delimiter } from './delimiter.js';
import { describeColumn, mapColumns, normalizeHeader, type ColumnMap, type Field } from './headers.js';
import { preferredLanguage } from './language.js';
import { timeColumn, type DateOrder } from './timestamps.js';

/*
 * A form export, from bytes to rows the roster rules can take: decoded, split by its own
 * delimiter, columns found, every row checked. Rows are numbered as a spreadsheet shows them
 * (the header is row 1), so a report can send the user straight to the row.
 */

export interface ExportRow {
  row: number;
  email: string;
  name?: string;
  language?: Language;
  organisation?: string;
  country?: string;
  /** Epoch milliseconds; undefined when the file has no timestamp column. */
  signedUp?: number;
  /** The session column's answer, for series imports. */
  sessions?: string;
}

export interface RowProblem {
  row: number;
  reason: string;
}

export interface ExportFile {
  file: string;
  encoding: string;
  guessedEncoding: boolean;
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
}

// Line breaks and control characters (a terminal escape in a name) have no place in a name or a mail header.
const tidy = (value: string | undefined): string | undefined => {
  const text = value?.replace(/\s+/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f\u200b\u2028\u2029\ufeff]/g, '').trim();
  return text ? text : undefined;
};

function parseRecords(text: string, delimiter: Delimiter, file: string): string[][] {
  try {
    return parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, record_delimiter: ['\r\n', '\n', '\r'] }) as string[][];
  } catch (cause) {
    const message = (cause as Error).message.replace(/^Invalid /, 'invalid ');
    throw inputError(`${file}: not readable as CSV: ${message}`, 'check the quotes on that line, or download the export again');
  }
}

function findColumn(headers: readonly string[], wanted: string): number {
  const exact = headers.indexOf(wanted);
  if (exact >= 0) return exact;
  const index = headers.findIndex((h) => normalizeHeader(h) === normalizeHeader(wanted));
  if (index < 0) throw usageError(`--session-column: no column "${wanted}" in the file`, `the headers are: ${headers.map((h) => `"${h}"`).join(', ')}`);
  return index;
}

export function readExport(bytes: Uint8Array, options: ReadOptions): ExportFile {
  const decoded = decodeExport(bytes, options.file, options.encoding);
  let text = decoded.text;
  const sep = separatorLine(text);
  if (sep) text = text.slice(sep.length);
  const delimiter = sep?.delimiter ?? detectDelimiter(text);
  const records = parseRecords(text, delimiter, options.file);
  const headers = (records[0] ?? []).map((h) => h.trim());
  if (headers.every((h) => h === '')) throw inputError(`${options.file}: the first row is empty`, 'the export should start with a header row (Timestamp, Email Address, …)');
  const data = records.slice(1);
  const sessionIndex = options.sessionColumn === undefined ? undefined : findColumn(headers, options.sessionColumn);
  const map: ColumnMap = mapColumns(headers, options.maps ?? [], data.slice(0, 50), options.file);
  const { columns } = map;
  const at = (record: string[], field: Field) => {
    const index = columns[field];
    return index === undefined ? undefined : record[index];
  };

  const timeIndex = columns.time;
  const time =
    timeIndex === undefined
      ? undefined
      : timeColumn(
          data.map((r) => r[timeIndex] ?? ''),
          { zone: map.timeIsUtc ? FixedOffsetZone.utcInstance : options.zone, file: options.file, header: headers[timeIndex] ?? '', ...(options.dateFormat ? { dateFormat: options.dateFormat } : {}) },
        );

  const rows: ExportRow[] = [];
  const problems: RowProblem[] = [];
  let unreadableTimes = 0;
  let firstUnreadable: string | undefined;
  for (let i = 0; i < data.length; i++) {
    const record = data[i] as string[];
    const row = i + 2;
    if (record.every((cell) => cell.trim() === '')) {
      problems.push({ row, reason: 'blank row' });
      continue;
    }
    const rawEmail = at(record, 'email') ?? '';
    const email = cleanEmail(rawEmail);
    if (email === '') {
      problems.push({ row, reason: 'no email' });
      continue;
    }
    if (!isValidEmail(email)) {
      problems.push({ row, reason: `invalid email ${JSON.stringify(email)}` });
      continue;
    }
    let signedUp: number | undefined;
    if (time && timeIndex !== undefined) {
      const value = (record[timeIndex] ?? '').trim();
      signedUp = value === '' ? undefined : time.read(value);
      if (signedUp === undefined) {
        if (value !== '') {
          unreadableTimes++;
          firstUnreadable ??= value;
        }
        problems.push({ row, reason: value === '' ? 'no timestamp' : `timestamp ${JSON.stringify(value)} is not a date and time I can read` });
        continue;
      }
    }
    const first = tidy(at(record, 'first_name'));
    const last = tidy(at(record, 'last_name'));
    const name = tidy(at(record, 'name')) ?? tidy([first, last].filter(Boolean).join(' '));
    const language = preferredLanguage(at(record, 'language') ?? '');
    const organisation = tidy(at(record, 'organisation'));
    const country = tidy(at(record, 'country'));
    rows.push({
      row,
      email,
      ...(name ? { name } : {}),
      ...(language ? { language } : {}),
      ...(organisation ? { organisation } : {}),
      ...(country ? { country } : {}),
      ...(signedUp !== undefined ? { signedUp } : {}),
      ...(sessionIndex !== undefined ? { sessions: record[sessionIndex] ?? '' } : {}),
    });
  }
  if (timeIndex !== undefined && unreadableTimes > 0 && rows.length === 0) {
    throw inputError(
      `${options.file}: no value in ${describeColumn(headers, timeIndex)} is a date and time I can read, e.g. "${firstUnreadable}"`,
      'pass --date-format with luxon tokens, e.g. --date-format "d LLL yyyy HH:mm", or --map time= to rank by file order',
    );
  }
  const named = Object.fromEntries(Object.entries(columns).map(([field, index]) => [field, headers[index as number] ?? ''])) as Partial<Record<Field, string>>;
  return {
    file: options.file,
    encoding: decoded.encoding,
    guessedEncoding: decoded.guessed,
    delimiter,
    headers,
    columns: named,
    ...(time?.order ? { dateOrder: time.order } : {}),
    timed: timeIndex !== undefined,
    rowCount: data.length,
    rows,
    problems,
  };
}
