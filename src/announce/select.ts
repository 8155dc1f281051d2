import { failure, success, type Result } from '../failure.js';
import type { ResolvedCircle } from '../model/circle.js';
import type { Language, Series } from '../model/schema.js';
import { circlesNamed, selectSeries, seriesNamed } from '../workspace/select.js';

/** What one announcement covers: a whole series, or a reminder of some of its circles. */
export interface Selection {
  kind: 'series' | 'reminder';
  series: Series;
  seriesFile: string;
  /** In date order. */
  circles: ResolvedCircle[];
  /** The language when none is asked for: the circles' own when they share one, else English. */
  defaultLang: Language;
}

type SeriesMap = ReadonlyMap<string, { file: string; series: Series }>;

/**
 * Picks the circles to announce. Without ids: every circle of the series (the only one, or the
 * one named with --series). With ids: those circles, which must belong to one series.
 */
export function selectAnnouncement(all: readonly ResolvedCircle[], seriesMap: SeriesMap, wanted: { ids: readonly string[]; series?: string | undefined }): Result<Selection> {
  if (wanted.series !== undefined) {
    const named = seriesNamed(seriesMap, wanted.series);
    if (!named.ok) return named;
  }
  if (wanted.ids.length > 0) return reminder(all, seriesMap, wanted.ids, wanted.series);

  const picked = selectSeries(seriesMap, wanted.series, 'announce');
  if (!picked.ok) return picked;
  const { slug, entry } = picked.value;
  const circles = all.filter((c) => c.circle.series === slug);
  if (circles.length === 0) return failure('input', `series "${slug}" has no circles yet`, 'add one with `circle add`');
  return success({ kind: 'series', series: entry.series, seriesFile: entry.file, circles, defaultLang: 'en' });
}

function reminder(all: readonly ResolvedCircle[], seriesMap: SeriesMap, ids: readonly string[], seriesSlug: string | undefined): Result<Selection> {
  const named = circlesNamed(all, ids);
  if (!named.ok) return named;
  const circles = all.filter((c) => ids.includes(c.circle.id));
  const slugs = [...new Set(circles.map((c) => c.circle.series))];
  if (slugs.length > 1) return failure('usage', `these circles belong to different series (${slugs.join(', ')})`, 'announce the circles of one series at a time');
  const slug = slugs[0] ?? '';
  if (seriesSlug !== undefined && slug !== seriesSlug) {
    return failure('usage', `circle "${circles[0]?.circle.id}" is in series "${slug}", not "${seriesSlug}"`, 'leave out --series, or name circles of that series');
  }
  const entry = seriesMap.get(slug);
  if (!entry) throw new Error(`series ${slug} vanished`);
  const languages = [...new Set(circles.map((c) => c.circle.language))];
  return success({ kind: 'reminder', series: entry.series, seriesFile: entry.file, circles, defaultLang: languages.length === 1 && languages[0] ? languages[0] : 'en' });
}
