import { mkdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { DateTime } from 'luxon';
import { inputError } from '../errors.js';
import type { Language } from '../model/schema.js';
import { circlesToPublish, isOurs, languageWarnings, planInviteFiles } from '../invites/plan.js';
import { isoSeconds } from '../invites/published.js';
import { preparePublishing } from '../invites/publish.js';
import { writeFileAtomic } from '../workspace/atomic-write.js';
import { loadCircles } from '../workspace/load.js';
import { invitesDir } from '../workspace/paths.js';
import { circlesNamedOrAll } from '../workspace/select.js';
import { note, printJson, warn } from '../ui/terminal.js';
import { unwrap } from '../failure.js';


export interface InvitesOptions {
  dir: string;
  ids: string[];
  out?: string;
  feed?: boolean;
  lang?: Language;
  dryRun?: boolean;
  json?: boolean;
  /** The time changes are published at (tests). */
  now?: DateTime;
}

export interface InvitesResult {
  out: string;
  files: Array<{ path: string; kind: 'circle' | 'feed'; ids: string[]; written: boolean }>;
  circles: Array<{ id: string; uid: string; sequence: number; change: string; published: string; renamedFrom?: string }>;
}

const show = (path: string) => relative(process.cwd(), path) || path;

export async function invites(options: InvitesOptions): Promise<InvitesResult> {
  const { circles } = await loadCircles(options.dir);
  const chosen = unwrap(circlesNamedOrAll(circles, options.ids));
  const out = options.out ? resolve(options.out) : resolve(invitesDir(options.dir));
  if (chosen.length === 0) {
    note('no circles yet: add one with `circle add`');
    return { out, files: [], circles: [] };
  }
  // Files written here before stay in step: the feed of a chosen circle's series, and the file of
  // each circle published with it; a stale .ics is never left behind.
  const earlier = async (name: string) => {
    const text = await readFile(join(out, name), 'utf8').catch(() => undefined);
    return text !== undefined && isOurs(text);
  };
  const feeds = new Set(options.feed ? chosen.map((c) => c.circle.series) : []);
  const kept: string[] = [];
  for (const slug of new Set(chosen.map((c) => c.circle.series))) {
    if (feeds.has(slug) || circles.some((c) => c.circle.id === slug) || !(await earlier(`${slug}.ics`))) continue;
    feeds.add(slug);
    kept.push(`${slug}.ics`);
  }
  const toPublish = circlesToPublish(circles, chosen, feeds);
  const toWrite = [...chosen];
  for (const resolved of toPublish) {
    if (toWrite.includes(resolved) || !(await earlier(`${resolved.circle.id}.ics`))) continue;
    toWrite.push(resolved);
    kept.push(`${resolved.circle.id}.ics`);
  }
  for (const message of languageWarnings(toPublish, options.lang)) warn(message);

  const publishing = await preparePublishing(options.dir, circles, toPublish, options.now);
  const files = planInviteFiles(circles, toWrite, publishing.publications, { feed: feeds, ...(options.lang ? { lang: options.lang } : {}) });
  for (const id of publishing.orphans) {
    warn(`${id} was published but its file is gone: its event stays in people's calendars (restore the file with status: cancelled to remove it)`);
  }
  if (!options.dryRun) {
    await mkdir(out, { recursive: true }).catch((cause: NodeJS.ErrnoException) => {
      throw inputError(`cannot make the folder ${show(out)}: ${cause.code ?? cause.message}`, 'pass --out <dir> with a folder you can write to');
    });
    await publishing.commit();
  }

  const result: InvitesResult = { out, files: [], circles: [] };
  for (const resolved of toPublish) {
    const { id } = resolved.circle;
    const p = publishing.publications.get(id);
    if (!p) continue;
    const published = isoSeconds(p.stamp);
    result.circles.push({ id, uid: p.uid, sequence: p.sequence, change: p.change, published, ...(p.renamedFrom ? { renamedFrom: p.renamedFrom } : {}) });
    if (p.renamedFrom) note(`${id} was ${p.renamedFrom}: it keeps its calendar UID ${p.uid}`);
    if (p.change === 'changed') note(`${id}: time, platform, meeting link or status changed since last published: SEQUENCE ${p.sequence - 1} -> ${p.sequence}`);
  }
  const refreshed: string[] = [];
  for (const file of files) {
    const path = join(out, file.name);
    const same = (await readFile(path, 'utf8').catch(() => undefined)) === file.content;
    if (!options.dryRun && !same) await writeFileAtomic(path, file.content, { overwrite: true });
    result.files.push({ path, kind: file.kind, ids: file.ids, written: !options.dryRun && !same });
    if (!same && kept.includes(file.name)) refreshed.push(show(path));
  }
  if (refreshed.length) {
    note(`${options.dryRun ? 'would also rewrite' : 'also rewrote'} ${refreshed.join(', ')}, written here before, so that no calendar file is left out of date`);
  }

  if (options.json) printJson(result);
  else for (const file of result.files) process.stdout.write(`${show(file.path)}\n`);
  const count = (n: number) => `${n} file${n === 1 ? '' : 's'}`;
  const written = result.files.filter((f) => f.written).length;
  const unchanged = result.files.length - written;
  if (options.dryRun) note(`dry run: would write ${count(files.length)} to ${show(out)}; nothing written`);
  else note(`wrote ${count(written)} to ${show(out)}${unchanged ? ` (${unchanged} unchanged)` : ''}`);
  return result;
}
