import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { DateTime, type Zone } from 'luxon';
import * as z from 'zod';
import { inputError, usageError } from '../errors.js';
import { renderCircleYaml, renderSeriesYaml } from '../model/circle-yaml.js';
import { jsonSchemaFiles } from '../model/json-schema.js';
import { cleanEmail, isValidEmail } from '../model/email.js';
import { SLUG_PATTERN } from '../model/slug.js';
import { resolveZone } from '../model/time.js';
import { writeFileAtomic } from '../workspace/atomic-write.js';
import { makeFolder } from '../workspace/file-errors.js';
import { CIRCLES_DIR, circleFile, GITIGNORE_LINES, SCHEMA_DIR, seriesFile } from '../workspace/paths.js';
import { isInteractive, note } from '../ui/terminal.js';

export interface InitOptions {
  target: string;
  dir: string;
  series: string;
  name: string;
  timezone: string;
  organizerName?: string;
  organizerEmail?: string;
  uidDomain?: string;
  mailingListUrl?: string;
  dryRun?: boolean;
}

/** What reaches people or calendars: given or answered, never invented. */
interface Settings {
  organizer: Organizer | undefined;
  uidDomain: string;
  /** No domain was given or answered, and no organizer gave one: this workspace's own was made. */
  uidDomainMade: boolean;
  mailingListUrl: string | undefined;
}

type Organizer = { name: string; email: string };

/** The files of a new workspace, as a plan the command writes. */
function workspaceFiles(options: Pick<InitOptions, 'series' | 'name' | 'timezone'>, zone: Zone, settings: Settings, today: DateTime): Array<{ path: string; content: string }> {
  // A weekday afternoon four weeks out: always a time that exists, whatever the zone's DST rules.
  const start = today.setZone(zone).plus({ weeks: 4 }).set({ weekday: 3, hour: 15, minute: 0 });
  const id = 'first-circle';
  return [
    {
      path: seriesFile('', options.series),
      content: renderSeriesYaml({
        slug: options.series,
        name: options.name,
        introduction: { en: `Welcome to ${options.name}: small online sessions where peers share and learn.` },
        ...(settings.mailingListUrl ? { mailing_list_url: settings.mailingListUrl } : {}),
        organizer: settings.organizer,
        timezone: options.timezone,
        reminder: '1h',
        uid_domain: settings.uidDomain,
      }),
    },
    {
      path: circleFile('', id),
      content: renderCircleYaml({
        id,
        series: options.series,
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
      }),
    },
    ...jsonSchemaFiles().map(({ name, content }) => ({ path: join(SCHEMA_DIR, name), content })),
  ];
}

const emailProblem = (text: string) => (isValidEmail(cleanEmail(text)) ? undefined : `"${text}" is not a valid email address`);

/**
 * Who invitations and mail come from: the flags, else (on a terminal) the answers; no one without
 * either, never an invented address, so mail falls back to CIRCLE_FROM until the series names one.
 */
async function organizerFor(options: InitOptions): Promise<Organizer | undefined> {
  let name = options.organizerName?.trim();
  let email = options.organizerEmail;
  if (isInteractive() && !options.dryRun && (name === undefined || email === undefined)) {
    const { ask } = await import('../ui/prompt.js');
    name ??= await ask(`Organizer name (who invitations and mail come from${email === undefined ? '; empty for none' : ''})`, {
      validate: (value) => (email !== undefined && value.trim() === '' ? 'required with --organizer-email' : true),
    });
    if (name !== '') email ??= await ask('Organizer email', { validate: (value) => emailProblem(value) ?? true });
  }
  if (!name && email === undefined) return undefined;
  if (!name || email === undefined) throw usageError('--organizer-name and --organizer-email go together', 'give both, e.g. --organizer-name "Lift Learning Circles" --organizer-email circles@example.org');
  const problem = emailProblem(email);
  if (problem) throw usageError(`--organizer-email: ${problem}`, 'e.g. --organizer-email circles@example.org');
  return { name, email: cleanEmail(email) };
}

const urlProblem = (text: string) => {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  return url && (url.protocol === 'https:' || url.protocol === 'http:') ? undefined : `"${text}" is not an http:// or https:// link`;
};
const domainProblem = (text: string) => (z.regexes.domain.test(text) ? undefined : `"${text}" is not a domain name such as circles.example.org`);

/**
 * A domain of this workspace's own for calendar UIDs: the organizer's when there is one (the
 * domain RFC 5545 recommends), else a random label no other workspace will have, so two
 * organisers' "first-circle" never update each other's calendar entries.
 */
const ownUidDomain = (series: string, organizer: Organizer | undefined) =>
  organizer ? (organizer.email.split('@').pop() as string).toLowerCase() : `${series}-${randomBytes(6).toString('hex')}.invalid`;

/** The mailing list and the UID domain: flags, else on a terminal answers; the list is left out without either. */
async function settingsFor(options: InitOptions, organizer: Organizer | undefined): Promise<Settings> {
  let mailingListUrl = options.mailingListUrl?.trim();
  let uidDomain = options.uidDomain?.trim().toLowerCase();
  const own = ownUidDomain(options.series, organizer);
  if (isInteractive() && !options.dryRun) {
    const { ask } = await import('../ui/prompt.js');
    mailingListUrl ??= (await ask('Mailing list link for news of the series (empty for none)', { validate: (value) => (value.trim() === '' ? true : (urlProblem(value.trim()) ?? true)) })).trim();
    uidDomain ??= (await ask('Domain for calendar invitation UIDs (never change it once invites are out)', { default: own, validate: (value) => domainProblem(value.trim().toLowerCase()) ?? true })).trim().toLowerCase();
  }
  if (mailingListUrl) {
    const problem = urlProblem(mailingListUrl);
    if (problem) throw usageError(`--mailing-list-url: ${problem}`, 'e.g. --mailing-list-url https://lists.example.org/lift');
  }
  if (uidDomain) {
    const problem = domainProblem(uidDomain);
    if (problem) throw usageError(`--uid-domain: ${problem}`, 'e.g. --uid-domain circles.example.org');
  }
  const domain = uidDomain || own;
  return { organizer, mailingListUrl: mailingListUrl || undefined, uidDomain: domain, uidDomainMade: !organizer && domain === own };
}

export async function init(options: InitOptions): Promise<void> {
  const zone = resolveZone(options.timezone);
  if (!zone.ok) throw usageError(`--timezone: ${zone.reason}`);
  if (!SLUG_PATTERN.test(options.series)) throw usageError(`--series "${options.series}" is not a slug`, 'use lower-case letters, digits and dashes, e.g. lift');
  const target = resolve(options.dir, options.target);
  const existing = await readdir(join(target, CIRCLES_DIR)).catch(() => []);
  if (existing.length > 0) throw inputError(`${join(target, CIRCLES_DIR)} already exists and is not empty`, 'this is a workspace already: run `circle validate` in it');
  const organizer = await organizerFor(options);
  const settings = await settingsFor(options, organizer);
  const files = workspaceFiles(options, zone.value, settings, DateTime.now());
  const gitignorePath = join(target, '.gitignore');
  const gitignore = await readFile(gitignorePath, 'utf8').catch(() => '');
  const missing = GITIGNORE_LINES.filter((line) => line.startsWith('#') || !gitignore.split(/\r?\n/).includes(line));
  if (missing.some((line) => !line.startsWith('#'))) {
    files.push({ path: '.gitignore', content: `${gitignore}${gitignore && !gitignore.endsWith('\n') ? '\n' : ''}${missing.join('\n')}\n` });
  }
  for (const file of files) {
    const path = join(target, file.path);
    if (options.dryRun) {
      note(`would write ${relative(process.cwd(), path)}`);
      continue;
    }
    await makeFolder(join(path, '..'));
    await writeFileAtomic(path, file.content, { overwrite: file.path === '.gitignore' || file.path.startsWith(SCHEMA_DIR) });
    note(`wrote ${relative(process.cwd(), path)}`);
  }
  if (options.dryRun) return;
  const series = relative(process.cwd(), join(target, seriesFile('', options.series)));
  if (!organizer) {
    note(`\nNo organizer: mail will come from CIRCLE_FROM ("Name <address>"). To name one, add to ${series}:\n  organizer: { name: ${JSON.stringify(options.name)}, email: you@example.org }`);
  }
  if (settings.uidDomainMade) {
    note(`Calendar UIDs use ${settings.uidDomain}, made for this workspace; for your own domain, change uid_domain in ${series} before the first invitations go out.`);
  }
  note(`\nNext: cd ${relative(process.cwd(), target) || '.'} && circle validate && circle add`);
}
