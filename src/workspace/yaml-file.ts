import { readFileSync, statSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import type { Finding, Locate, ParsedYaml } from '../validate/problem.js';
import { error, positionOf } from '../validate/problem.js';
import { locateIn, placesOf, type Places } from './yaml-places.js';
import { cacheEntry } from './parse-cache.js';

export const MAX_FILE_BYTES = 1024 * 1024;
// Hand-written circle files need a few anchors at most; more means a "billion laughs" file.
const MAX_ALIAS_COUNT = 50;

export interface YamlFile {
  yaml?: ParsedYaml;
  /** Places a field without the document (a file read from the parse cache). */
  locate?: Locate;
  data?: Record<string, unknown>;
  findings: Finding[];
}

const fileError = (message: string, hint?: string): YamlFile => ({ findings: [error([], message, hint)] });

/**
 * Reads a YAML mapping, turning every way a file can be unreadable into a finding instead of a crash.
 * `cached`: a workspace file, whose mapping may come from the parse cache; its document is then
 * parsed only if a later check needs a position in it.
 */
export async function readYamlFile(path: string, options: { cached?: boolean } = {}): Promise<YamlFile> {
  let bytes: Buffer;
  try {
    // In one call each (see read-once.ts): a workspace has hundreds of these.
    const info = statSync(path);
    if (!info.isFile()) return fileError('not a regular file');
    if (info.size > MAX_FILE_BYTES) return fileError(`file is ${Math.round(info.size / 1024)} KB; circle files are at most 1 MB`, 'is this the right file?');
    bytes = readFileSync(path);
  } catch (cause) {
    return fileError(`cannot read the file: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`);
  }
  if (!options.cached) return parseYamlBytes(bytes);
  const cache = cacheEntry<Kept>(path, bytes);
  if (cache.found) return withoutDocument(cache.found, bytes);
  const parsed = parseYamlBytes(bytes);
  if (parsed.yaml && parsed.data && parsed.findings.length === 0) {
    const places = placesOf(parsed.yaml, parsed.data, bytes.toString('utf8'));
    cache.keep({ data: parsed.data, ...(places ? { places } : {}) });
  }
  return parsed;
}

/** A mapping as the parse cache keeps it, with the place of each field when it could be told. */
interface Kept {
  data: Record<string, unknown>;
  places?: Places;
}

function withoutDocument({ data, places }: Kept, bytes: Uint8Array): YamlFile {
  if (places) return { data, findings: [], locate: locateIn(places) };
  let yaml: ParsedYaml | undefined;
  const locate: Locate = (path, atKey) => {
    yaml ??= parseYamlBytes(bytes).yaml;
    return yaml ? positionOf(yaml, path, atKey) : { line: 1, col: 1 };
  };
  return { data, findings: [], locate };
}

export function parseYamlBytes(bytes: Uint8Array): YamlFile {
  if (bytes.includes(0)) return fileError('binary file, not YAML text', 'circle files are UTF-8 text');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return fileError('not UTF-8 text', 'save the file as UTF-8');
  }
  if (text.trim() === '' || /^(\s*#.*\n?)*\s*$/.test(text)) {
    return fileError('file is empty', 'a circle file is a mapping of fields; see circles/ for examples');
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const yaml = { doc, lineCounter };
  if (doc.errors.length > 0) {
    return {
      findings: doc.errors.map((e) => {
        const at = e.linePos?.[0] ?? { line: 1, col: 1 };
        return { ...error([], `YAML syntax: ${firstLine(e.message)}`, yamlHint(e.code)), position: at };
      }),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (cause) {
    if (cause instanceof RangeError || cause instanceof ReferenceError) {
      return { yaml, findings: [error([], `YAML aliases expand too far: ${cause.message}`, 'write the values out instead of using aliases')] };
    }
    throw cause;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { yaml, findings: [error([], 'expected a mapping of fields (key: value lines)', 'see circles/ for examples')] };
  }
  return { yaml, data: data as Record<string, unknown>, findings: [] };
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

function yamlHint(code: string): string | undefined {
  if (code === 'DUPLICATE_KEY') return 'each field may appear once; remove one of them';
  if (code === 'BLOCK_AS_IMPLICIT_KEY') return 'quote text that contains ": ", e.g. title: "Open data: a primer"';
  if (code === 'BAD_INDENT' || code === 'MISSING_CHAR') return 'check the indentation and that text with ": " or "#" is quoted';
  return 'check the quoting and indentation around this line';
}
