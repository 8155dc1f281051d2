import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isOurs, staleIn } from '../invites/plan.js';
import { readPublished } from '../invites/published-file.js';
import { shellQuote } from '../ui/shell.js';
import { INVITES_DIR, invitesDir } from '../workspace/paths.js';

/**
 * A mail run publishes a change of the circle (a higher SEQUENCE): the calendar files that
 * `circle invites` wrote into invites/ before then say the old time, and people who subscribed
 * to them would keep it. Each such file is named, with the command that rewrites it; `dir` as given to -C.
 */
export async function staleFiles(dir: string): Promise<string[]> {
  const folder = invitesDir(dir);
  const names = (await readdir(folder).catch(() => [] as string[])).filter((name) => name.endsWith('.ics')).sort();
  if (names.length === 0) return [];
  const { state } = await readPublished(dir);
  const warnings: string[] = [];
  for (const name of names) {
    const text = await readFile(join(folder, name), 'utf8').catch(() => '');
    const stale = isOurs(text) ? staleIn(text, state) : [];
    if (stale.length === 0) continue;
    const command = `circle${dir === '.' ? '' : ` -C ${shellQuote(dir)}`} invites ${stale.join(' ')}`;
    warnings.push(`${join(INVITES_DIR, name)} is out of date: ${stale.join(', ')} changed since it was written, and calendars that read it keep the old details; run \`${command}\` to rewrite it`);
  }
  return warnings;
}
