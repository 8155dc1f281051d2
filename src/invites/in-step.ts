import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResolvedCircle } from '../model/circle.js';
import { circlesToPublish, isOurs } from './plan.js';

/*
 * No calendar file written before into the output folder is left out of date: when a circle is
 * written, the feed of its series written there before is written too, and with a feed, each file
 * written there before for another circle of the series. Files another tool wrote are never touched.
 */

export interface InStep {
  /** Series whose feed is written. */
  feeds: Set<string>;
  /** Every circle whose event goes into a file written: it is published. */
  toPublish: ResolvedCircle[];
  /** Circles that get a file of their own. */
  toWrite: ResolvedCircle[];
  /** File names written only because they were written before. */
  kept: string[];
}

/** The names that may have been written before for `chosen`: their series' feeds and the files of every circle of those series. */
export function candidateNames(all: readonly ResolvedCircle[], chosen: readonly ResolvedCircle[]): string[] {
  const series = new Set(chosen.map((c) => c.circle.series));
  return [...[...series].map((slug) => `${slug}.ics`), ...all.filter((c) => series.has(c.circle.series)).map((c) => `${c.circle.id}.ics`)];
}

/** Which of `names` in `folder` this tool wrote (by their PRODID). */
export async function writtenBefore(folder: string, names: readonly string[]): Promise<Set<string>> {
  const ours = await Promise.all(
    names.map(async (name) => {
      const text = await readFile(join(folder, name), 'utf8').catch(() => undefined);
      return text !== undefined && isOurs(text);
    }),
  );
  return new Set(names.filter((_, i) => ours[i]));
}

/** What a run writes: the chosen circles (with `feed`, their series' feeds) and what `before` holds of them. */
export function keepInStep(all: readonly ResolvedCircle[], chosen: readonly ResolvedCircle[], feed: boolean, before: ReadonlySet<string>): InStep {
  const feeds = new Set(feed ? chosen.map((c) => c.circle.series) : []);
  const kept: string[] = [];
  for (const slug of new Set(chosen.map((c) => c.circle.series))) {
    // A circle whose id is a series' slug owns that file name: it is no feed.
    if (feeds.has(slug) || all.some((c) => c.circle.id === slug) || !before.has(`${slug}.ics`)) continue;
    feeds.add(slug);
    kept.push(`${slug}.ics`);
  }
  const toPublish = circlesToPublish(all, chosen, feeds);
  const toWrite = [...chosen];
  for (const resolved of toPublish) {
    if (toWrite.includes(resolved) || !before.has(`${resolved.circle.id}.ics`)) continue;
    toWrite.push(resolved);
    kept.push(`${resolved.circle.id}.ics`);
  }
  return { feeds, toPublish, toWrite, kept };
}
