import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderPath, recordedAs } from '../../src/invites/calendar-folders.js';
import { staleFiles } from '../../src/mail/stale-files.js';
import { tempDir } from '../helpers/cli.js';

describe('how an --out folder is recorded, and found again', () => {
  it.each([
    { folder: '/home/ana/ws/public/calendar', recorded: 'public/calendar' },
    { folder: '/home/ana/ws/invites', recorded: 'invites' },
    { folder: '/home/ana/ws', recorded: '.' },
    { folder: '/home/ana/site/calendar', recorded: '/home/ana/site/calendar' },
    { folder: '/home/ana/ws-site', recorded: '/home/ana/ws-site' },
    { folder: '/home/ana/ws/..calendar', recorded: '..calendar' },
  ])('$folder from the workspace /home/ana/ws is $recorded', ({ folder, recorded }) => {
    expect(recordedAs('/home/ana/ws', folder)).toBe(recorded);
  });

  it.each([
    { dir: '.', recorded: 'public/calendar', path: 'public/calendar' },
    { dir: 'ws', recorded: 'public/calendar', path: 'ws/public/calendar' },
    { dir: '/srv/ws', recorded: '.', path: '/srv/ws' },
    { dir: 'ws', recorded: '/var/www/calendar', path: '/var/www/calendar' },
  ])('$recorded in the workspace -C $dir is read at $path', ({ dir, recorded, path }) => {
    expect(folderPath(dir, recorded)).toBe(path);
  });

  it('a damaged record is named in the warnings, with what to do, and does not stop the run', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'journals'));
    writeFileSync(join(dir, 'journals', 'calendar-folders.json'), '{"folders": "public"}\n');
    expect(await staleFiles(dir)).toEqual([
      `${join(dir, 'journals', 'calendar-folders.json')} is not a list of calendar folders circle can read: calendar files written with --out were not checked; delete it, then run \`circle invites --out <folder>\` again for each folder you publish calendar files in`,
    ]);
  });
});
