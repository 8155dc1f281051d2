import { isAscii, isUtf8 } from 'node:buffer';
import { createRequire } from 'node:module';
import { refused } from '../failure.js';

/*
 * Bytes of a form export to what the CSV parser reads. Exports come as UTF-8 (with or without
 * BOM), as Excel's Windows-1252, or as Excel's "Unicode text" (UTF-16 with BOM). iconv-lite,
 * because Node's TextDecoder maps some Windows-1252 bytes (0x80, €) wrongly.
 */

export interface Decoded {
  /** What the parser reads: the file's own bytes when they are UTF-8 (csv-parse reads bytes: no copy), else the text. */
  content: Buffer | string;
  /** The start of the text: enough for a `sep=` line and the first records. */
  head: string;
  /** What was used, for the summary: utf-8, utf-8 with BOM, windows-1252, utf-16le… */
  encoding: string;
  /** Not given and not UTF-8: read as Windows-1252. */
  guessed: boolean;
  /** What was decided about an encoding that was not given and not plain UTF-8, for stderr. */
  warning?: string;
}

type Iconv = typeof import('iconv-lite');
// Most exports are UTF-8: iconv-lite is loaded (require() is synchronous) only for those that are not.
const iconv = (): Iconv => createRequire(import.meta.url)('iconv-lite') as Iconv;

const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
const UTF8_BOM = [0xef, 0xbb, 0xbf];
const HEAD = 64 * 1024;

function notCsv(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'an Excel workbook (.xlsx) or a zip file, not CSV';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return 'an old Excel workbook (.xls), not CSV';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'a PDF, not CSV';
  return undefined;
}

const binary = (file: string) => refused('input', `${file} is a binary file, not CSV text`, 'download the responses as CSV');

/** Text: checked for NUL characters and stripped of a byte order mark. */
function fromText(text: string, encoding: string, guessed: boolean, file: string): Decoded {
  const content = text.replace(/^\uFEFF/, '');
  if (content.includes('\u0000')) throw binary(file);
  return { content, head: content.slice(0, HEAD), encoding, guessed };
}

/** UTF-8 bytes (after any BOM) are kept as they are; a second mark goes the text way. */
function fromUtf8(bytes: Buffer, encoding: string, file: string): Decoded {
  if (startsWith(bytes, UTF8_BOM)) return fromText(bytes.subarray(3).toString('utf8'), encoding, false, file);
  if (bytes.includes(0)) throw binary(file);
  return { content: bytes, head: bytes.subarray(0, HEAD).toString('utf8'), encoding, guessed: false };
}

function decode(buffer: Buffer, file: string, encoding?: string): Decoded {
  if (encoding) {
    if (!iconv().encodingExists(encoding)) throw refused('usage', `--encoding ${encoding} is not an encoding I know`, 'e.g. --encoding utf-8, windows-1252, latin1 or utf-16le');
    return fromText(iconv().decode(buffer, encoding), encoding.toLowerCase(), false, file);
  }
  if (startsWith(buffer, UTF8_BOM)) {
    const rest = buffer.subarray(3);
    return isUtf8(rest) ? fromUtf8(rest, 'utf-8 with BOM', file) : mixed(rest, file) ?? notUtf8(rest, file);
  }
  if (startsWith(buffer, [0xff, 0xfe]) || startsWith(buffer, [0xfe, 0xff])) {
    const name = buffer[0] === 0xff ? 'utf-16le' : 'utf-16be';
    return fromText(iconv().decode(buffer, name), name, false, file);
  }
  if (buffer.includes(0)) {
    throw refused('input', `${file} is a binary file, not CSV text`, 'download the responses as CSV; if it is UTF-16 text without a BOM, pass --encoding utf-16le');
  }
  if (isUtf8(buffer)) return fromUtf8(buffer, 'utf-8', file);
  return mixed(buffer, file) ?? notUtf8(buffer, file);
}

/** No UTF-8 beyond ASCII anywhere: an Excel export in Windows-1252. */
function notUtf8(buffer: Buffer, file: string): Decoded {
  const decoded = fromText(iconv().decode(buffer, 'windows-1252'), 'windows-1252', true, file);
  return { ...decoded, warning: `${file} is not UTF-8: read as Windows-1252 (Excel's encoding); if names look wrong, pass --encoding with the one it was saved in (e.g. --encoding macintosh)` };
}

/**
 * Rows pasted together from a UTF-8 export and a Windows-1252 one: each line is read in the one of
 * the two it is valid in, so neither half turns into mojibake, and the lines read otherwise are named.
 * Undefined when no line holds UTF-8 beyond ASCII (then the whole file is Windows-1252).
 */
function mixed(buffer: Buffer, file: string): Decoded | undefined {
  const lines: Buffer[] = [];
  for (let start = 0; start <= buffer.length; ) {
    const end = buffer.indexOf(10, start);
    lines.push(buffer.subarray(start, end < 0 ? buffer.length : end + 1));
    start = end < 0 ? buffer.length + 1 : end + 1;
  }
  const utf8 = lines.map((line) => isUtf8(line));
  if (!lines.some((line, i) => utf8[i] && !isAscii(line))) return undefined;
  const other = utf8.flatMap((ok, i) => (ok ? [] : [i + 1]));
  const text = lines.map((line, i) => (utf8[i] ? line.toString('utf8') : iconv().decode(line, 'windows-1252'))).join('');
  const one = other.length === 1;
  const shown = other.length > 10 ? `${other.slice(0, 10).join(', ')} and ${other.length - 10} more` : other.join(', ');
  return {
    ...fromText(text, `utf-8, ${other.length} ${one ? 'line' : 'lines'} windows-1252`, false, file),
    warning:
      `${file} mixes encodings: read as UTF-8, except ${one ? 'line' : 'lines'} ${shown}, which ${one ? 'is' : 'are'} not UTF-8 and ` +
      `${one ? 'was' : 'were'} read as Windows-1252; check the names there, or pass --encoding utf-8 or windows-1252 to read the whole file one way`,
  };
}

const blank = (text: string) => text.trim() === '';

export function decodeExport(bytes: Uint8Array, file: string, encoding?: string): Decoded {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const other = notCsv(buffer);
  if (other) throw refused('input', `${file} is ${other}`, 'download the responses as CSV (comma-separated values) and import that file');
  const decoded = decode(buffer, file, encoding);
  if (blank(decoded.head) && blank(String(decoded.content))) throw refused('input', `${file} is empty`, 'download the responses again; the export should start with a header row');
  return decoded;
}

