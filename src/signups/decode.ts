import { createRequire } from 'node:module';
import { inputError, usageError } from '../errors.js';

/*
 * Bytes of a form export to text. Exports come as UTF-8 (with or without BOM), as Excel's
 * Windows-1252, or as Excel's "Unicode text" (UTF-16 with BOM). iconv-lite, because Node's
 * TextDecoder maps some Windows-1252 bytes (0x80, €) wrongly.
 */

export interface Decoded {
  text: string;
  /** What was used, for the summary: utf-8, utf-8 with BOM, windows-1252, utf-16le… */
  encoding: string;
  /** Not given and not UTF-8: read as Windows-1252. */
  guessed: boolean;
  /** The file's own bytes of `text`, when it is UTF-8: a parser can read them instead of a copy. */
  utf8?: Buffer;
}

type Iconv = typeof import('iconv-lite');
// Most exports are UTF-8: iconv-lite is loaded (require() is synchronous) only for those that are not.
const iconv = (): Iconv => createRequire(import.meta.url)('iconv-lite') as Iconv;

const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
const UTF8_BOM = [0xef, 0xbb, 0xbf];

function notCsv(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'an Excel workbook (.xlsx) or a zip file, not CSV';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return 'an old Excel workbook (.xls), not CSV';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'a PDF, not CSV';
  return undefined;
}

export function decodeExport(bytes: Uint8Array, file: string, encoding?: string): Decoded {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const other = notCsv(buffer);
  if (other) throw inputError(`${file} is ${other}`, 'download the responses as CSV (comma-separated values) and import that file');
  let decoded: Decoded;
  if (encoding) {
    if (!iconv().encodingExists(encoding)) throw usageError(`--encoding ${encoding} is not an encoding I know`, 'e.g. --encoding utf-8, windows-1252, latin1 or utf-16le');
    decoded = { text: iconv().decode(buffer, encoding), encoding: encoding.toLowerCase(), guessed: false };
  } else if (startsWith(buffer, UTF8_BOM)) {
    const rest = buffer.subarray(3);
    // A second mark is dropped from the text too, so those bytes are no longer the text.
    decoded = { text: utf8(rest, file), encoding: 'utf-8 with BOM', guessed: false, ...(startsWith(rest, UTF8_BOM) ? {} : { utf8: rest }) };
  } else if (startsWith(buffer, [0xff, 0xfe]) || startsWith(buffer, [0xfe, 0xff])) {
    const name = buffer[0] === 0xff ? 'utf-16le' : 'utf-16be';
    decoded = { text: iconv().decode(buffer, name), encoding: name, guessed: false };
  } else if (buffer.includes(0)) {
    throw inputError(`${file} is a binary file, not CSV text`, 'download the responses as CSV; if it is UTF-16 text without a BOM, pass --encoding utf-16le');
  } else {
    try {
      decoded = { text: new TextDecoder('utf-8', { fatal: true }).decode(buffer), encoding: 'utf-8', guessed: false, utf8: buffer };
    } catch {
      decoded = { text: iconv().decode(buffer, 'windows-1252'), encoding: 'windows-1252', guessed: true };
    }
  }
  const text = decoded.text.replace(/^\uFEFF/, '');
  if (text.includes('\u0000')) throw inputError(`${file} is a binary file, not CSV text`, 'download the responses as CSV');
  if (text.trim() === '') throw inputError(`${file} is empty`, 'download the responses again; the export should start with a header row');
  return { ...decoded, text };
}

function utf8(bytes: Buffer, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw inputError(`${file} starts with a UTF-8 mark but is not UTF-8 throughout`, 'pass --encoding windows-1252 (or the encoding it was saved in)');
  }
}
