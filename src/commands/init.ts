import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { DateTime } from 'luxon';
import type { Context, Outcome, Shown } from '../context.js';
import { inputError, usageError } from '../errors.js';
import { unwrap } from '../failure.js';
import { SLUG_PATTERN } from '../model/slug.js';
import { resolveZone } from '../model/time.js';
import { mailingListOf, organizerOf, ownUidDomain, uidDomainOf } from '../model/workspace-settings.js';
import { writeFileAtomic } from '../workspace/atomic-write.js';
import { makeFolder } from '../workspace/file-errors.js';
import { CIRCLES_DIR, seriesFile } from '../workspace/paths.js';
import { gitignoreWith, starterFiles } from '../workspace/starter.js';
import { askOrganizer, askSettings, type Given } from './init/ask.js';

export interface InitOptions extends Given {
  target: string;
  series: string;
  name: string;
  timezone: string;
  dryRun?: boolean;
}

export interface InitResult extends Outcome {
  dryRun: boolean;
  /** The files it would write (a dry run), shown relative to where the user is; those written were told as they were. */
  wouldWrite: string[];
  /** The series file, the workspace folder and the series' name, as shown. */
  seriesFile: string;
  target: string;
  name: string;
  organizer: boolean;
  /** The UID domain, when it was made for this workspace rather than given or the organizer's. */
  madeUidDomain?: string;
}

export async function run(options: InitOptions, context: Context): Promise<InitResult> {
  const zone = resolveZone(options.timezone);
  if (!zone.ok) throw usageError(`--timezone: ${zone.reason}`);
  if (!SLUG_PATTERN.test(options.series)) throw usageError(`--series "${options.series}" is not a slug`, 'use lower-case letters, digits and dashes, e.g. lift');
  const target = resolve(context.dir, options.target);
  const existing = await readdir(join(target, CIRCLES_DIR)).catch(() => []);
  if (existing.length > 0) throw inputError(`${join(target, CIRCLES_DIR)} already exists and is not empty`, 'this is a workspace already: run `circle validate` in it');
  // Asked on a terminal for what the flags leave out; never invented, so mail falls back to CIRCLE_FROM until the series names an organizer.
  const ask = context.interactive && !options.dryRun;
  let given: Given = { ...options, organizerName: options.organizerName?.trim(), mailingListUrl: options.mailingListUrl?.trim(), uidDomain: options.uidDomain?.trim().toLowerCase() };
  if (ask) given = await askOrganizer(given, context.prompter);
  const organizer = unwrap(organizerOf(given.organizerName, given.organizerEmail));
  const own = ownUidDomain(options.series, organizer, randomBytes(6).toString('hex'));
  if (ask) given = await askSettings(given, own, context.prompter);
  const mailingListUrl = unwrap(mailingListOf(given.mailingListUrl));
  const uid = unwrap(uidDomainOf(given.uidDomain, own, organizer));
  const files = starterFiles({ slug: options.series, name: options.name, timezone: options.timezone, zone: zone.value, organizer, uidDomain: uid.domain, mailingListUrl }, DateTime.fromJSDate(context.now()));
  const gitignore = gitignoreWith(await readFile(join(target, '.gitignore'), 'utf8').catch(() => ''));
  if (gitignore !== undefined) files.push({ path: '.gitignore', content: gitignore, overwrite: true });
  const shown = (path: string) => relative(context.cwd, path);
  for (const file of options.dryRun ? [] : files) {
    const path = join(target, file.path);
    await makeFolder(join(path, '..'));
    await writeFileAtomic(path, file.content, { overwrite: file.overwrite });
    context.events.note(`wrote ${shown(path)}`);
  }
  return {
    ok: true,
    dryRun: options.dryRun === true,
    wouldWrite: options.dryRun ? files.map((file) => shown(join(target, file.path))) : [],
    seriesFile: shown(join(target, seriesFile('', options.series))),
    target: shown(target) || '.',
    name: options.name,
    organizer: organizer !== undefined,
    ...(uid.made ? { madeUidDomain: uid.domain } : {}),
  };
}

export function present(result: InitResult): Shown {
  if (result.dryRun) return { err: result.wouldWrite.map((path) => `would write ${path}\n`).join('') };
  const lines = [
    ...(result.organizer ? [] : [`\nNo organizer: mail will come from CIRCLE_FROM ("Name <address>"). To name one, add to ${result.seriesFile}:\n  organizer: { name: ${JSON.stringify(result.name)}, email: you@example.org }`]),
    ...(result.madeUidDomain ? [`Calendar UIDs use ${result.madeUidDomain}, made for this workspace; for your own domain, change uid_domain in ${result.seriesFile} before the first invitations go out.`] : []),
    `\nNext: cd ${result.target} && circle validate && circle add`,
  ];
  return { err: lines.map((line) => `${line}\n`).join('') };
}
