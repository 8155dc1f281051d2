import { basename } from 'node:path';
import { error, type Finding } from './problem.js';

/** A circle file as far as its number goes: what it says, before the schema has checked it. */
export interface NumberedFile {
  file: string;
  series: unknown;
  number: unknown;
}

/** Each circle of a series has its own number: every file that shares one is told which others have it. */
export function duplicateNumbers(files: readonly NumberedFile[]): Array<{ file: string; finding: Finding }> {
  const numbered = new Map<string, { slug: string; number: number; files: string[] }>();
  for (const { file, series: slug, number } of files) {
    if (typeof slug !== 'string' || typeof number !== 'number') continue;
    const key = `${slug}#${number}`;
    const entry = numbered.get(key) ?? { slug, number, files: [] };
    entry.files.push(file);
    numbered.set(key, entry);
  }
  return [...numbered.values()].flatMap(({ slug, number, files: same }) =>
    same.length < 2
      ? []
      : same.map((file) => {
          const others = same.filter((other) => other !== file).map((other) => basename(other));
          return { file, finding: error(['number'], `series "${slug}" already has a circle number ${number} (${others.join(', ')})`, 'give each circle of a series its own number') };
        }),
  );
}
