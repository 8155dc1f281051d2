import { inputError } from '../errors.js';
import { circlesNamed, type ResolvedCircle } from '../model/circle.js';
import type { Language } from '../model/schema.js';
import { eventAttributes, renderCalendar } from './calendar.js';
import { circleText } from '../templates/local-text.js';
import type { Publication } from './published.js';

export interface InviteFile {
  /** File name in the output folder. */
  name: string;
  kind: 'circle' | 'feed';
  /** Ids of the circles it holds. */
  ids: string[];
  content: string;
}

/** The circles named on the command line (all when none), or a usage error naming the unknown. */
export function selectCircles(circles: readonly ResolvedCircle[], ids: readonly string[]): ResolvedCircle[] {
  if (ids.length === 0) return [...circles];
  circlesNamed(circles, ids);
  return circles.filter((c) => ids.includes(c.circle.id));
}

/** The chosen circles and, with feeds, every circle of their series: all of them get published. */
export function circlesToPublish(all: readonly ResolvedCircle[], chosen: readonly ResolvedCircle[], feed: boolean): ResolvedCircle[] {
  if (!feed) return [...chosen];
  const series = new Set(chosen.map((c) => c.circle.series));
  return all.filter((c) => series.has(c.circle.series));
}

/** Text that is not in the language asked for, for the user to know before the files go out. */
export function languageWarnings(chosen: readonly ResolvedCircle[], lang: Language | undefined): string[] {
  if (!lang) return [];
  return chosen.flatMap(({ circle, file }) => {
    const fields = circleText(circle, lang, file).missing.map((m) => m.field.slice(`translations.${lang}.`.length));
    return fields.length ? [`${circle.id} has no ${lang} ${fields.join(', ')}: using the ${circle.language} text (add translations.${lang})`] : [];
  });
}

export interface PlanOptions {
  feed: boolean;
  lang?: Language;
}

/**
 * The public files: one per chosen circle and, with feeds, one per series with all its circles.
 * Public files are METHOD:PUBLISH and hold no meeting link and no address.
 */
export function planInviteFiles(
  all: readonly ResolvedCircle[],
  chosen: readonly ResolvedCircle[],
  publications: ReadonlyMap<string, Publication>,
  options: PlanOptions,
): InviteFile[] {
  const event = (resolved: ResolvedCircle) => {
    const publication = publications.get(resolved.circle.id);
    if (!publication) throw new Error(`circle ${resolved.circle.id} was not published`);
    return eventAttributes(resolved, publication, { lang: options.lang ?? resolved.circle.language, view: 'public' });
  };
  const files: InviteFile[] = chosen.map((resolved) => ({
    name: `${resolved.circle.id}.ics`,
    kind: 'circle',
    ids: [resolved.circle.id],
    content: renderCalendar([event(resolved)], { method: 'PUBLISH' }),
  }));
  if (!options.feed) return files;
  const seriesOf = [...new Map(chosen.map((c) => [c.circle.series, c.series])).values()];
  for (const series of seriesOf) {
    const clash = all.find((c) => c.circle.id === series.slug);
    if (clash) {
      throw inputError(`the feed of series "${series.slug}" and circle "${clash.circle.id}" would both be ${series.slug}.ics`, 'give the circle another id');
    }
    const members = all.filter((c) => c.circle.series === series.slug);
    files.push({
      name: `${series.slug}.ics`,
      kind: 'feed',
      ids: members.map((c) => c.circle.id),
      content: renderCalendar(members.map(event), { method: 'PUBLISH', calendarName: series.name }),
    });
  }
  return files;
}
