import * as z from 'zod';
import { quoted } from '../model/email.js';
import { didYouMean } from './suggest.js';
import { error, fieldName, type FieldPath, type Finding } from './problem.js';

type Schema = z.core.$ZodType;

interface Meta {
  description?: string;
  examples?: unknown[];
}

/** The sub-schema at a field path, and the description and example nearest to it. */
function schemaAt(root: Schema, path: FieldPath): { schema: Schema | undefined; meta: Meta } {
  let schema: Schema | undefined = root;
  let meta: Meta = {};
  const take = (s: Schema) => {
    const m = z.globalRegistry.get(s) as Meta | undefined;
    if (m) meta = { description: m.description ?? meta.description, examples: m.examples ?? meta.examples };
  };
  const unwrap = () => {
    while (schema) {
      take(schema);
      const def = schema._zod.def as { type: string; innerType?: Schema };
      if (!def.innerType) return;
      schema = def.innerType;
    }
  };
  unwrap();
  for (const part of path) {
    meta = {};
    const def = schema?._zod.def as { type: string; shape?: Record<string, Schema>; element?: Schema } | undefined;
    schema = typeof part === 'number' ? def?.element : def?.shape?.[part];
    unwrap();
  }
  return { schema, meta };
}

function knownKeys(root: Schema, path: FieldPath): string[] {
  const def = schemaAt(root, path).schema?._zod.def as { shape?: Record<string, unknown> } | undefined;
  return Object.keys(def?.shape ?? {});
}

function valueAt(data: unknown, path: FieldPath): unknown {
  return path.reduce<unknown>((node, part) => (node as Record<string | number, unknown> | undefined)?.[part], data);
}

function show(value: unknown): string {
  if (value === null) return 'null (an empty value)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return typeof value === 'string' ? quoted(value) : JSON.stringify(value);
}

const typeNames: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of fields',
};

function exampleHint(name: string, meta: Meta): string | undefined {
  const example = meta.examples?.[0];
  const sample = example === undefined ? undefined : `${name.split('.').pop()}: ${typeof example === 'string' ? example : JSON.stringify(example)}`;
  if (meta.description && sample) return `${meta.description}, e.g. ${sample}`;
  return meta.description ?? (sample ? `e.g. ${sample}` : undefined);
}

/** Checks data against a schema and explains every issue in the words of the file's fields. */
export function schemaFindings<S extends Schema>(schema: S, data: unknown): { value?: z.output<S>; findings: Finding[] } {
  const result = z.safeParse(schema, data);
  if (result.success) return { value: result.data, findings: [] };
  const findings = result.error.issues.flatMap((issue): Finding[] => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const name = fieldName(path);
    const { meta } = schemaAt(schema, path);
    const value = valueAt(data, path);
    const hint = exampleHint(name, meta);
    switch (issue.code) {
      case 'unrecognized_keys': {
        const known = knownKeys(schema, path);
        return issue.keys.map((key) =>
          ({ ...error([...path, key], `unknown field "${key}"`, didYouMean(key, known)), atKey: true }),
        );
      }
      case 'invalid_type':
        if (value === undefined) return [error(path, `missing required field "${name}"`, hint)];
        return [error(path, `"${name}" must be ${typeNames[issue.expected] ?? issue.expected}, not ${show(value)}`, hint)];
      case 'invalid_value':
        return [error(path, `"${name}" must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, not ${show(value)}`, hint)];
      case 'invalid_format':
        if (issue.format === 'email') return [error(path, `"${name}" is not a valid email address: ${show(value)}`, 'write one address such as name@example.org')];
        if (issue.format === 'url') return [error(path, `"${name}" must be an http:// or https:// link, not ${show(value)}`, hint)];
        return [error(path, `"${name}" has the wrong form: ${show(value)}`, hint)];
      case 'too_small':
        if (issue.origin === 'string') return [error(path, `"${name}" is empty`, hint)];
        if (issue.origin === 'number') return [error(path, `"${name}" must be a positive whole number, not ${show(value)}`, hint)];
        return [error(path, `"${name}" is too short`, hint)];
      default:
        return [error(path, `"${name}": ${issue.message}`, hint)];
    }
  });
  return { findings };
}
