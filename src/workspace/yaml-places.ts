import { positionOf, type FieldPath, type Locate, type ParsedYaml } from '../validate/problem.js';

/*
 * Where each field of a YAML file is, kept with its parsed mapping in the parse cache: `circle
 * validate` places a cached file's warnings at file:line:col without parsing the document again.
 * Every entry is what positionOf() says for that field; a field the file does not have is placed
 * as positionOf() places it, at the nearest field above it that it has.
 */

/** Per field path (as JSON), its value's place and its key's, each [line, col]. */
export type Places = Record<string, [number, number, number, number]>;

const keyOf = (path: FieldPath) => JSON.stringify(path);

/** The places of every field in `data`, as read from its document; none for a file with merge keys, whose fields are not all in it. */
export function placesOf(yaml: ParsedYaml, data: unknown, text: string): Places | undefined {
  if (text.includes('<<')) return undefined;
  const places: Places = {};
  const visit = (value: unknown, path: FieldPath) => {
    if (path.length > 0) {
      const at = positionOf(yaml, path);
      const key = positionOf(yaml, path, true);
      places[keyOf(path)] = [at.line, at.col, key.line, key.col];
    }
    if (Array.isArray(value)) value.forEach((item, index) => visit(item, [...path, index]));
    else if (typeof value === 'object' && value !== null) for (const [name, item] of Object.entries(value)) visit(item, [...path, name]);
  };
  visit(data, []);
  places[keyOf([])] = (({ line, col }) => [line, col, line, col])(positionOf(yaml, []));
  return places;
}

export function locateIn(places: Places): Locate {
  return (path, atKey = false) => {
    const found = places[keyOf(path)];
    if (found) return atKey ? { line: found[2], col: found[3] } : { line: found[0], col: found[1] };
    for (let length = path.length - 1; length >= 0; length--) {
      const above = places[keyOf(path.slice(0, length))];
      if (above) return { line: above[0], col: above[1] };
    }
    return { line: 1, col: 1 };
  };
}
