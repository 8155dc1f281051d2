import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { positionOf, type FieldPath } from '../../src/validate/problem.js';
import { parseYamlBytes } from '../../src/workspace/yaml-file.js';
import { locateIn, placesOf } from '../../src/workspace/yaml-places.js';
import { ROOT } from '../helpers/cli.js';

/* The kept places of a cached file put every finding where the document itself would. */

const AWKWARD = [
  'id: a\ntags: [x, y, {z: 1}]\nhost: {name: Ana, email: ana@example.org}\n',
  'id: a\n1: one\nlist:\n  - - nested\n    - deeper\n  - key: value\n    other: [1, 2]\n',
  'base: &b\n  name: Ana\ncopy: *b\n# a comment\ntitle: "quoted: text"\n',
  'title: >\n  folded\n  text\nsummary: |\n  kept\n  lines\nempty:\nnull_value: ~\n',
];
const files = [...readdirSync(join(ROOT, 'circles')).map((name) => readFileSync(join(ROOT, 'circles', name), 'utf8')), ...AWKWARD];

/** Every field path of `data`, and paths that go on past its end or name a field it lacks. */
function pathsOf(data: unknown, path: FieldPath = []): FieldPath[] {
  const here: FieldPath[] = [path, [...path, 'missing'], [...path, 7]];
  if (Array.isArray(data)) return [...here, ...data.flatMap((item, index) => pathsOf(item, [...path, index]))];
  if (typeof data === 'object' && data !== null) return [...here, ...Object.entries(data).flatMap(([name, item]) => pathsOf(item, [...path, name]))];
  return here;
}

describe('the places kept with a cached YAML file', () => {
  it.each(files.map((text, index) => [index, text]))('file %i: every field and every missing one is placed as positionOf places it', (_, text) => {
    const parsed = parseYamlBytes(Buffer.from(text));
    const places = placesOf(parsed.yaml!, parsed.data, text);
    expect(places).toBeDefined();
    const locate = locateIn(places!);
    const paths = pathsOf(parsed.data);
    expect(paths.length).toBeGreaterThan(5);
    for (const path of paths) {
      for (const atKey of [false, true]) expect(locate(path, atKey), `${JSON.stringify(path)} atKey=${atKey}`).toEqual(positionOf(parsed.yaml!, path, atKey));
    }
  });

  it('any path, made up or real, is placed as positionOf places it', () => {
    const parsed = parseYamlBytes(readFileSync(join(ROOT, 'circles', 'health-outcomes.yaml')));
    const locate = locateIn(placesOf(parsed.yaml!, parsed.data, '')!);
    const real = pathsOf(parsed.data);
    const part = fc.oneof(fc.constantFrom(...real.flat()), fc.string({ maxLength: 3 }), fc.nat(5));
    fc.assert(
      fc.property(fc.constantFrom(...real), fc.array(part, { maxLength: 3 }), fc.boolean(), (start, more, atKey) => {
        const path = [...start, ...more];
        expect(locate(path, atKey)).toEqual(positionOf(parsed.yaml!, path, atKey));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps no places for a file with merge keys: its fields are not all in its document', () => {
    const text = 'base: &b\n  name: Ana\nhost:\n  <<: *b\n  email: ana@example.org\n';
    const parsed = parseYamlBytes(Buffer.from(text));
    expect(placesOf(parsed.yaml!, parsed.data, text)).toBeUndefined();
  });
});
