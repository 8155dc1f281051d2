import { relative, resolve } from 'node:path';
import { usageError } from '../errors.js';
import type { Language } from '../model/schema.js';
import { zoneLabel } from '../model/time.js';
import { loadCircles } from '../workspace/load.js';
import { writeFileAtomic } from '../workspace/atomic-write.js';
import { note, printJson, warn } from '../ui/terminal.js';
import { selectAnnouncement } from '../announce/select.js';
import { loadTemplate, renderAnnouncement, type Format } from '../announce/templates.js';
import { buildAnnouncementView, type SeatCounts, type SeatLookup } from '../announce/view.js';
import type { ResolvedCircle } from '../model/circle.js';
import { rosterCounts } from '../roster/counts.js';
import { parseZoneList } from '../templates/when.js';
import { pastStart } from '../validate/past-start.js';

export interface AnnounceOptions {
  dir: string;
  ids: string[];
  series?: string;
  lang?: Language;
  format?: Format;
  /** Extra zones as given (comma-separated, repeatable); false for --no-tz; undefined for the series' default. */
  tz?: string[] | false;
  out?: string;
  json?: boolean;
}

export interface AnnounceResult {
  kind: 'series' | 'reminder';
  series: string;
  lang: Language;
  format: Format;
  subject: string;
  circles: string[];
  timezones: string[];
  file: string | null;
  body: string;
}

const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', es: 'Spanish' };

/** Seats taken where a circle has a roster; a damaged roster is left out with a warning, never guessed. */
async function seatsFromRosters(dir: string, circles: readonly ResolvedCircle[]): Promise<SeatLookup> {
  const seats = new Map<string, SeatCounts>();
  for (const { circle } of circles) {
    const counts = await rosterCounts(dir, circle.id);
    if ('damaged' in counts) warn(`the roster of ${circle.id} is damaged, so its seats left are not shown: run \`circle validate\``);
    else if (counts.exists) seats.set(circle.id, { confirmed: counts.confirmed, waitlisted: counts.waitlisted, capacity: circle.capacity });
  }
  return (id) => seats.get(id);
}

export async function announce(options: AnnounceOptions): Promise<AnnounceResult> {
  const { workspace, circles } = await loadCircles(options.dir);
  const selection = selectAnnouncement(circles, workspace.series, { ids: options.ids, series: options.series });
  const lang = options.lang ?? selection.defaultLang;
  const format = options.format ?? 'markdown';
  const zones = parseZoneList(options.tz === false ? [] : (options.tz ?? selection.series.extra_timezones ?? []));
  if (!zones.ok) throw usageError(`--tz: ${zones.reason}`, 'give IANA names separated by commas, e.g. --tz America/Bogota,Africa/Johannesburg,Asia/Manila');

  // The text stays as it was (an archive reads as announced); the organiser hears which circles are past.
  const past = selection.circles.flatMap(({ circle, start, zone }) => {
    const when = pastStart(start, zone, circle.status);
    return when ? [`  ${circle.id}: ${when}`] : [];
  });
  if (past.length) {
    const one = past.length === 1;
    warn(`${one ? 'a circle has' : `${past.length} circles have`} started but ${one ? 'is' : 'are'} still scheduled; this announcement offers ${one ? 'it' : 'them'} as if to come:\n${past.join('\n')}`);
    note(`  hint: if one moved, change its start; if it did not take place, set status: cancelled (an archive needs nothing)`);
  }
  const seatsFor = await seatsFromRosters(options.dir, selection.circles);
  const { view, missing } = buildAnnouncementView({ ...selection, lang, extraZones: zones.zones, seatsFor });
  for (const gap of missing) {
    warn(`${relative(process.cwd(), gap.file) || gap.file}: no ${gap.field}; the ${LANGUAGE_NAMES[gap.shown]} text is shown instead`);
  }
  const templates = { subject: await loadTemplate(options.dir, lang, 'subject'), body: await loadTemplate(options.dir, lang, format) };
  const { subject, body } = renderAnnouncement(view, templates, format);

  if (options.out !== undefined) {
    const out = resolve(options.out);
    await writeFileAtomic(out, body, { overwrite: true });
    if (!options.json) note(`wrote ${options.out}: ${subject}`);
  }
  const result: AnnounceResult = {
    kind: selection.kind,
    series: selection.series.slug,
    lang,
    format,
    subject,
    circles: selection.circles.map((c) => c.circle.id),
    timezones: zones.zones.map(zoneLabel),
    file: options.out ?? null,
    body,
  };
  if (options.json) printJson(result);
  else if (options.out === undefined) process.stdout.write(body);
  return result;
}
