import { join } from 'node:path';
import type { DateTime, Zone } from 'luxon';
import { renderCircleYaml, renderSeriesYaml } from '../model/circle-yaml.js';
import { jsonSchemaFiles } from '../model/json-schema.js';
import type { Organizer } from '../model/workspace-settings.js';
import { circleFile, GITIGNORE_LINES, SCHEMA_DIR, seriesFile } from './paths.js';

/*
 * The files of a new workspace (`circle init`): a series, an example circle, the JSON schema and the
 * lines of .gitignore that keep personal data out of git.
 */

export interface StarterSeries {
  slug: string;
  name: string;
  timezone: string;
  zone: Zone;
  organizer: Organizer | undefined;
  uidDomain: string;
  mailingListUrl: string | undefined;
}

/** The files to write, paths relative to the workspace; `overwrite` for those the tool owns (the schema). */
export function starterFiles(series: StarterSeries, today: DateTime): Array<{ path: string; content: string; overwrite: boolean }> {
  // A weekday afternoon four weeks out: always a time that exists, whatever the zone's DST rules.
  const start = today.setZone(series.zone).plus({ weeks: 4 }).set({ weekday: 3, hour: 15, minute: 0 });
  const id = 'first-circle';
  const seriesYaml = renderSeriesYaml({
    slug: series.slug,
    name: series.name,
    introduction: { en: `Welcome to ${series.name}: small online sessions where peers share and learn.` },
    ...(series.mailingListUrl ? { mailing_list_url: series.mailingListUrl } : {}),
    organizer: series.organizer,
    timezone: series.timezone,
    reminder: '1h',
    uid_domain: series.uidDomain,
  });
  const circleYaml = renderCircleYaml({
    id,
    series: series.slug,
    number: 1,
    title: 'Our first learning circle',
    summary: 'Replace this with what the session is about.',
    topics: ['Introductions', 'What we want to learn together'],
    language: 'en',
    host: { name: 'Alex Example', org: 'Example Organisation', email: 'alex@example.org' },
    start: start.toFormat("yyyy-MM-dd'T'HH:mm"),
    duration: '1h15m',
    capacity: 20,
    recorded: true,
    platform: 'Jitsi',
    meeting_url: 'https://meet.example.org/first-circle',
    signup_url: 'https://forms.example.org/first-circle',
    status: 'scheduled',
  });
  return [
    { path: seriesFile('', series.slug), content: seriesYaml, overwrite: false },
    { path: circleFile('', id), content: circleYaml, overwrite: false },
    ...jsonSchemaFiles().map(({ name, content }) => ({ path: join(SCHEMA_DIR, name), content, overwrite: true })),
  ];
}

/** An existing .gitignore with the lines it lacks added (comments with them), or undefined when it has them all. */
export function gitignoreWith(existing: string): string | undefined {
  const missing = GITIGNORE_LINES.filter((line) => line.startsWith('#') || !existing.split(/\r?\n/).includes(line));
  if (!missing.some((line) => !line.startsWith('#'))) return undefined;
  return `${existing}${existing && !existing.endsWith('\n') ? '\n' : ''}${missing.join('\n')}\n`;
}
