import { relative, resolve } from 'node:path';
import { DateTime } from 'luxon';
import { pastCircles, pastWarning, type PastCircle } from '../announce/past.js';
import { seatsFromRosters } from '../announce/seats.js';
import { selectAnnouncement } from '../announce/select.js';
import { loadTemplate, renderAnnouncement, type Format } from '../announce/templates.js';
import { buildAnnouncementView } from '../announce/view.js';
import type { Context, Outcome, Shown, Style } from '../context.js';
import { usageError } from '../errors.js';
import { unwrap } from '../failure.js';
import type { Language } from '../model/schema.js';
import { zoneLabel } from '../model/time.js';
import type { MissingTranslation } from '../templates/local-text.js';
import { parseZoneList } from '../templates/when.js';
import { languageName } from '../templates/words.js';
import { writeFileAtomic } from '../workspace/atomic-write.js';
import { loadCircles } from '../workspace/load.js';

export interface AnnounceOptions {
  ids: string[];
  series?: string;
  lang?: Language;
  format: Format;
  /** Extra zones as given (comma-separated, repeatable); false for --no-tz; undefined for the series' default. */
  tz?: string[] | false;
  out?: string;
}

/** What --json prints, as documented. */
export interface Announcement {
  kind: 'series' | 'reminder';
  series: string;
  lang: Language;
  format: Format;
  subject: string;
  circles: string[];
  timezones: string[];
  /** The --out path as given; null when the body went to stdout. */
  file: string | null;
  body: string;
}

export interface AnnounceResult extends Outcome {
  announcement: Announcement;
  past: PastCircle[];
  /** Circles whose roster is damaged, so their seats left are not shown. */
  damaged: string[];
  missing: MissingTranslation[];
}

export async function run(options: AnnounceOptions, context: Context): Promise<AnnounceResult> {
  const { dir } = context;
  const { workspace, circles } = await loadCircles(dir);
  const selection = unwrap(selectAnnouncement(circles, workspace.series, { ids: options.ids, series: options.series }));
  const lang = options.lang ?? selection.defaultLang;
  const zones = parseZoneList(options.tz === false ? [] : (options.tz ?? selection.series.extra_timezones ?? []));
  if (!zones.ok) throw usageError(`--tz: ${zones.reason}`, 'give IANA names separated by commas, e.g. --tz America/Bogota,Africa/Johannesburg,Asia/Manila');

  const { seatsFor, damaged } = await seatsFromRosters(dir, selection.circles);
  const { view, missing } = buildAnnouncementView({ ...selection, lang, extraZones: zones.zones, seatsFor });
  const templates = { subject: await loadTemplate(dir, lang, 'subject'), body: await loadTemplate(dir, lang, options.format) };
  const { subject, body } = renderAnnouncement(view, templates, options.format);
  if (options.out !== undefined) await writeFileAtomic(resolve(context.cwd, options.out), body, { overwrite: true });
  const announcement: Announcement = {
    kind: selection.kind,
    series: selection.series.slug,
    lang,
    format: options.format,
    subject,
    circles: selection.circles.map((c) => c.circle.id),
    timezones: zones.zones.map(zoneLabel),
    file: options.out ?? null,
    body,
  };
  return { ok: true, announcement, past: pastCircles(selection.circles, DateTime.fromJSDate(context.now())), damaged, missing };
}

export function present({ announcement, past, damaged, missing }: AnnounceResult, { json, colour, cwd }: Style): Shown {
  const warn = (text: string) => `${colour.err.yellow('warning:')} ${text}\n`;
  const pastNote = pastWarning(past);
  const err = [
    pastNote ? `${warn(pastNote.warning)}  hint: ${pastNote.hint}\n` : '',
    ...damaged.map((id) => warn(`the roster of ${id} is damaged, so its seats left are not shown: run \`circle validate\``)),
    ...missing.map((gap) => warn(`${relative(cwd, gap.file) || gap.file}: no ${gap.field}; the ${languageName('en', gap.shown)} text is shown instead`)),
    announcement.file !== null && !json ? `wrote ${announcement.file}: ${announcement.subject}\n` : '',
  ].join('');
  return { err, ...(announcement.file === null ? { out: announcement.body } : {}) };
}

/** --json: the announcement, as documented. */
export const json = ({ announcement }: AnnounceResult): Announcement => announcement;
