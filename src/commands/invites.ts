import { mkdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { DateTime } from 'luxon';
import type { Context, Outcome } from '../context.js';
import { inputError } from '../errors.js';
import { unwrap } from '../failure.js';
import { recordCalendarFolder } from '../invites/calendar-folders.js';
import { candidateNames, keepInStep, writtenBefore } from '../invites/in-step.js';
import { languageWarnings, planInviteFiles } from '../invites/plan.js';
import { isoSeconds } from '../invites/published.js';
import { preparePublishing } from '../invites/publish.js';
import type { Language } from '../model/schema.js';
import { writeFileAtomic } from '../workspace/atomic-write.js';
import { loadCircles } from '../workspace/load.js';
import { invitesDir } from '../workspace/paths.js';
import { circlesNamedOrAll } from '../workspace/select.js';

export { json, present } from './invites/present.js';

export interface InvitesOptions {
  ids: string[];
  out?: string;
  feed?: boolean;
  lang?: Language;
  dryRun?: boolean;
}

/** What --json prints, as documented. */
export interface Written {
  out: string;
  files: Array<{ path: string; kind: 'circle' | 'feed'; ids: string[]; written: boolean }>;
  circles: Array<{ id: string; uid: string; sequence: number; change: string; published: string; renamedFrom?: string }>;
}

export interface InvitesResult extends Outcome, Written {
  dryRun: boolean;
  /** Text not in the language asked for. */
  untranslated: string[];
  /** Circles published before whose file is gone: their events stay in people's calendars. */
  orphans: string[];
  /** Files written here before, rewritten with this run so that none is left out of date. */
  refreshed: string[];
}

export async function run(options: InvitesOptions, context: Context): Promise<InvitesResult> {
  const { dir } = context;
  const dryRun = options.dryRun ?? false;
  const { circles } = await loadCircles(dir);
  const chosen = unwrap(circlesNamedOrAll(circles, options.ids));
  const out = resolve(context.cwd, options.out ?? invitesDir(dir));
  const result: InvitesResult = { ok: true, out, files: [], circles: [], dryRun, untranslated: [], orphans: [], refreshed: [] };
  if (chosen.length === 0) return result;

  const before = await writtenBefore(out, candidateNames(circles, chosen));
  const { feeds, toPublish, toWrite, kept } = keepInStep(circles, chosen, options.feed ?? false, before);
  result.untranslated = languageWarnings(toPublish, options.lang);
  const publishing = await preparePublishing(dir, circles, toPublish, DateTime.fromJSDate(context.now()));
  const files = unwrap(await planInviteFiles(circles, toWrite, publishing.publications, { feed: feeds, ...(options.lang ? { lang: options.lang } : {}) }));
  if (!dryRun) {
    await mkdir(out, { recursive: true }).catch((cause: NodeJS.ErrnoException) => {
      throw inputError(`cannot make the folder ${relative(context.cwd, out) || out}: ${cause.code ?? cause.message}`, 'pass --out <dir> with a folder you can write to');
    });
    await publishing.commit();
  }
  result.orphans = publishing.orphans;

  for (const { circle } of toPublish) {
    const p = publishing.publications.get(circle.id);
    if (p) result.circles.push({ id: circle.id, uid: p.uid, sequence: p.sequence, change: p.change, published: isoSeconds(p.stamp), ...(p.renamedFrom ? { renamedFrom: p.renamedFrom } : {}) });
  }
  for (const file of files) {
    const path = join(out, file.name);
    const same = (await readFile(path, 'utf8').catch(() => undefined)) === file.content;
    if (!dryRun && !same) await writeFileAtomic(path, file.content, { overwrite: true });
    result.files.push({ path, kind: file.kind, ids: file.ids, written: !dryRun && !same });
    if (!same && kept.includes(file.name)) result.refreshed.push(path);
  }
  if (!dryRun) await recordCalendarFolder(resolve(context.cwd, dir), out);
  return result;
}
