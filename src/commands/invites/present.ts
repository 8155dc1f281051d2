import { relative } from 'node:path';
import type { Shown, Style } from '../../context.js';
import type { InvitesResult, Written } from '../invites.js';

const count = (n: number) => `${n} file${n === 1 ? '' : 's'}`;

/** The files on stdout; on stderr the warnings, what changed, and what was written. */
export function present(result: InvitesResult, { colour, cwd }: Style): Shown {
  const show = (path: string) => relative(cwd, path) || path;
  const warn = (text: string) => `${colour.err.yellow('warning:')} ${text}\n`;
  if (result.files.length === 0) return { err: 'no circles yet: add one with `circle add`\n' };
  const err = [
    ...result.untranslated.map(warn),
    ...result.orphans.map((id) => warn(`${id} was published but its file is gone: its event stays in people's calendars (restore the file with status: cancelled to remove it)`)),
    ...result.circles.flatMap(({ id, uid, sequence, change, renamedFrom }) => [
      renamedFrom ? `${id} was ${renamedFrom}: it keeps its calendar UID ${uid}\n` : '',
      change === 'changed' ? `${id}: time, platform, meeting link or status changed since last published: SEQUENCE ${sequence - 1} -> ${sequence}\n` : '',
    ]),
    result.refreshed.length
      ? `${result.dryRun ? 'would also rewrite' : 'also rewrote'} ${result.refreshed.map(show).join(', ')}, written here before, so that no calendar file is left out of date\n`
      : '',
  ];
  const written = result.files.filter((f) => f.written).length;
  const unchanged = result.files.length - written;
  err.push(
    result.dryRun
      ? `dry run: would write ${count(result.files.length)} to ${show(result.out)}; nothing written\n`
      : `wrote ${count(written)} to ${show(result.out)}${unchanged ? ` (${unchanged} unchanged)` : ''}\n`,
  );
  return { out: result.files.map((file) => `${show(file.path)}\n`).join(''), err: err.join('') };
}

/** --json: the files and each event's UID and SEQUENCE, as documented. */
export const json = ({ out, files, circles }: InvitesResult): Written => ({ out, files, circles });
