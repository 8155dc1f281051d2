import type { Document, LineCounter } from 'yaml';

export type Severity = 'error' | 'warning';
export type FieldPath = readonly (string | number)[];

/** A rule's verdict on one field, before it is given a place in a file. */
export interface Finding {
  path: FieldPath;
  message: string;
  hint?: string;
  severity: Severity;
  /** Point at the key rather than its value (unknown keys). */
  atKey?: boolean;
  /** A place known without a path (YAML syntax errors). */
  position?: { line: number; col: number };
}

/** A finding with its place: what `circle validate` prints as `file:line:col`. */
export interface Problem {
  file: string;
  line: number;
  col: number;
  severity: Severity;
  field?: string;
  message: string;
  hint?: string;
}

export const error = (path: FieldPath, message: string, hint?: string): Finding => ({ path, message, hint, severity: 'error' });
export const warning = (path: FieldPath, message: string, hint?: string): Finding => ({ path, message, hint, severity: 'warning' });

/** `host.email`, `instigators[1].name` */
export function fieldName(path: FieldPath): string {
  return path.reduce<string>((name, part) => (typeof part === 'number' ? `${name}[${part}]` : name ? `${name}.${part}` : part), '');
}

export interface ParsedYaml {
  doc: Document;
  lineCounter: LineCounter;
}

/** The position of the YAML node at `path`, or of the nearest node above it that exists. */
export function positionOf(yaml: ParsedYaml, path: FieldPath, atKey = false): { line: number; col: number } {
  let node: unknown = yaml.doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (const [index, part] of path.entries()) {
    const pair = pairAt(node, part);
    if (!pair) break;
    const last = index === path.length - 1;
    offset = (last && atKey ? rangeStart(pair.key) : undefined) ?? rangeStart(pair.value) ?? rangeStart(pair.key) ?? offset;
    node = pair.value;
  }
  return yaml.lineCounter.linePos(offset);
}

interface YamlNode {
  range?: [number, number, number];
  items?: unknown[];
}

function rangeStart(node: unknown): number | undefined {
  return (node as YamlNode | null)?.range?.[0];
}

function pairAt(node: unknown, part: string | number): { key: unknown; value: unknown } | undefined {
  const items = (node as YamlNode | null)?.items;
  if (!Array.isArray(items)) return undefined;
  if (typeof part === 'number') {
    const item = items[part];
    return item === undefined ? undefined : { key: undefined, value: item };
  }
  return items.find(
    (item): item is { key: unknown; value: unknown } =>
      typeof item === 'object' && item !== null && 'key' in item && (item.key as { value?: unknown } | null)?.value === part,
  );
}

/** Where a field is in its file (at its key: for unknown keys). */
export type Locate = (path: FieldPath, atKey?: boolean) => { line: number; col: number };

/**
 * The finding at its place in the file. Given a Locate, the place is found when first asked for: a
 * file read from the parse cache is placed from its kept positions, or parsed again, only if a
 * problem is shown.
 */
export function place(file: string, yaml: ParsedYaml | undefined | Locate, finding: Finding): Problem {
  const field = fieldName(finding.path);
  const rest = { severity: finding.severity, ...(field ? { field } : {}), message: finding.message, ...(finding.hint ? { hint: finding.hint } : {}) };
  if (typeof yaml !== 'function' || finding.position) {
    const doc = typeof yaml === 'function' ? undefined : yaml;
    return { file, ...(finding.position ?? (doc ? positionOf(doc, finding.path, finding.atKey) : { line: 1, col: 1 })), ...rest };
  }
  let found: { line: number; col: number } | undefined;
  const where = () => (found ??= yaml(finding.path, finding.atKey));
  return {
    file,
    get line() {
      return where().line;
    },
    get col() {
      return where().col;
    },
    ...rest,
  };
}

export function countProblems(problems: readonly Problem[]): { errors: number; warnings: number } {
  const errors = problems.filter((p) => p.severity === 'error').length;
  return { errors, warnings: problems.length - errors };
}
