import { failure, success, type Result } from '../failure.js';
import type { ResolvedCircle } from '../model/circle.js';
import type { Language } from '../model/schema.js';
import { eventAttributes, PRODUCT_ID, renderCalendar } from './calendar.js';
import { unfoldLines } from './fold.js';
import { circleText } from '../templates/local-text.js';
import { derivedOnce } from '../workspace/derived.js';
import type { Publication, PublishedState } from './published.js';

export interface InviteFile {
  /** File name in the output folder. */
  name: string;
  kind: 'circle' | 'feed';
  /** Ids of the circles it holds. */
  ids: string[];
  content: string;
}

/** Which series get a feed: all of the chosen circles' (`true`), or the slugs given. */
const feedsOf = (chosen: readonly ResolvedCircle[], feed: boolean | ReadonlySet<string>): ReadonlySet<string> =>
  feed === true ? new Set(chosen.map((c) => c.circle.series)) : feed === false ? new Set() : feed;

/** The chosen circles and every circle of a series whose feed is written: all of them get published. */
export function circlesToPublish(all: readonly ResolvedCircle[], chosen: readonly ResolvedCircle[], feed: boolean | ReadonlySet<string>): ResolvedCircle[] {
  const series = feedsOf(chosen, feed);
  return all.filter((c) => chosen.includes(c) || series.has(c.circle.series));
}

/** What a calendar file says of each event: SEQUENCE by UID. */
export function sequencesIn(ics: string): Map<string, number> {
  const found = new Map<string, number>();
  let uid: string | undefined;
  let sequence = 0;
  for (const line of unfoldLines(ics)) {
    if (line === 'BEGIN:VEVENT') [uid, sequence] = [undefined, 0];
    else if (line.startsWith('UID:')) uid = line.slice(4);
    else if (line.startsWith('SEQUENCE:')) sequence = Number(line.slice(9));
    else if (line === 'END:VEVENT' && uid) found.set(uid, sequence);
  }
  return found;
}

/** A calendar file this tool wrote (its PRODID), so that one of the user's own is never touched. */
export const isOurs = (ics: string) => unfoldLines(ics).includes(`PRODID:${PRODUCT_ID}`);

/** Per published state, the circles of each UID, with their SEQUENCE and place in the state: made once per read state, as every calendar file is checked against it. */
const publishedByUid = derivedOnce((state: PublishedState) => {
  const byUid = new Map<string, Array<{ id: string; sequence: number; place: number }>>();
  Object.keys(state).forEach((id, place) => {
    const { uid, sequence } = state[id]!;
    byUid.set(uid, [...(byUid.get(uid) ?? []), { id, sequence, place }]);
  });
  return byUid;
});

/** The circles whose event, at the SEQUENCE a calendar file holds it (sequencesIn), is older than what is published now; in the state's order. */
export function staleIn(held: ReadonlyMap<string, number>, state: PublishedState): string[] {
  // From the file's events, not from every circle published: a folder of a file per circle would be checked in the square of their number.
  const byUid = publishedByUid(state);
  const stale = [...held].flatMap(([uid, sequence]) => (byUid.get(uid) ?? []).filter((entry) => sequence < entry.sequence));
  return stale.sort((a, b) => a.place - b.place).map((entry) => entry.id);
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
  /** Feeds for every chosen circle's series, or for these series. */
  feed: boolean | ReadonlySet<string>;
  lang?: Language;
}

/**
 * The public files: one per chosen circle and, with feeds, one per series with all its circles.
 * Public files are METHOD:PUBLISH and hold no meeting link and no address.
 */
export async function planInviteFiles(
  all: readonly ResolvedCircle[],
  chosen: readonly ResolvedCircle[],
  publications: ReadonlyMap<string, Publication>,
  options: PlanOptions,
): Promise<Result<InviteFile[]>> {
  const event = (resolved: ResolvedCircle) => {
    const publication = publications.get(resolved.circle.id);
    if (!publication) throw new Error(`circle ${resolved.circle.id} was not published`);
    return eventAttributes(resolved, publication, { lang: options.lang ?? resolved.circle.language, view: 'public' });
  };
  const files: InviteFile[] = [];
  for (const resolved of chosen) {
    files.push({ name: `${resolved.circle.id}.ics`, kind: 'circle', ids: [resolved.circle.id], content: await renderCalendar([event(resolved)], { method: 'PUBLISH' }) });
  }
  const feeds = feedsOf(chosen, options.feed);
  const seriesOf = [...new Map(all.filter((c) => feeds.has(c.circle.series)).map((c) => [c.circle.series, c.series])).values()];
  for (const series of seriesOf) {
    const clash = all.find((c) => c.circle.id === series.slug);
    if (clash) return failure('input', `the feed of series "${series.slug}" and circle "${clash.circle.id}" would both be ${series.slug}.ics`, 'give the circle another id');
    const members = all.filter((c) => c.circle.series === series.slug);
    files.push({
      name: `${series.slug}.ics`,
      kind: 'feed',
      ids: members.map((c) => c.circle.id),
      content: await renderCalendar(members.map(event), { method: 'PUBLISH', calendarName: series.name }),
    });
  }
  return success(files);
}
