import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPublished } from '../../src/invites/published-file.js';
import { readJournal, type JournalRecord } from '../../src/mail/journal.js';
import { readRoster } from '../../src/roster/store.js';
import type { Roster } from '../../src/roster/types.js';
import { cacheEntry } from '../../src/workspace/parse-cache.js';
import { loadCircles } from '../../src/workspace/load.js';
import { journalFile, publishedFile, rosterFile } from '../../src/workspace/paths.js';
import { circle } from '../helpers/in-process.js';
import { editCircles, workspace } from '../helpers/mail.js';

/*
 * The parse cache (.circle-cache/): what a file parsed to is kept for the next command, found by the
 * file's bytes alone, and never believed when it is not exactly what this build wrote for them.
 */

const ID = 'health-outcomes';
const entryOf = (dir: string, folder: string, name: string) => join(dir, '.circle-cache', folder, `${name}.json`);
const found = (path: string) => cacheEntry(path, readFileSync(path)).found;

const record = (key: string, state: string, messageId: string, at: string): JournalRecord => ({ key, kind: key.split(':')[0]!, to: 'ana@example.org', state: state as JournalRecord['state'], at, messageId, detail: { signup: 'ana@example.org 2019-10-28T09:01:00.000Z', sequence: 0 } });

/** A journal in which Ana's invitation went twice (two Message-IDs, the first no longer the latest record of its message). */
function journalWithResend(dir: string): string {
  const path = journalFile(dir, ID);
  mkdirSync(join(dir, 'journals'), { recursive: true });
  const key = 'invitation:ana@example.org 2019-10-28T09:01:00.000Z';
  const lines = [record(key, 'sending', '<a@x>', '2019-11-01T09:00:00.000Z'), record(key, 'sent', '<a@x>', '2019-11-01T09:00:01.000Z'), record(key, 'sending', '<b@x>', '2019-11-02T09:00:00.000Z'), record(key, 'sent', '<b@x>', '2019-11-02T09:00:01.000Z'), record('waitlisted:diego@example.org 2019-10-28T09:04:00.000Z', 'failed', '<c@x>', '2019-11-01T09:00:02.000Z')];
  writeFileSync(path, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
  return path;
}

describe('the parse cache', () => {
  it('gives each kind of file back exactly as the file parses, and keeps it for the next command', async () => {
    const dir = await workspace();
    expect((await circle(['invites'], { cwd: dir })).code).toBe(0);
    const journal = journalWithResend(dir);

    const reads = async () => ({ roster: await readRoster(dir, ID), journal: await readJournal(journal), published: await readPublished(dir), circles: (await loadCircles(dir)).circles.map((c) => c.circle) });
    const parsed = await reads();
    for (const [folder, name] of [['rosters', `${ID}.yaml`], ['journals', `${ID}.jsonl`], ['circles', '.published.yaml'], ['circles', `${ID}.yaml`], ['circles', 'lift.series.yaml']]) {
      expect(existsSync(entryOf(dir, folder!, name!)), `${folder}/${name}`).toBe(true);
    }
    expect(found(rosterFile(dir, ID))).toStrictEqual(parsed.roster);
    expect(found(publishedFile(dir))).toStrictEqual(parsed.published.state);

    const cached = await reads();
    expect(cached).toStrictEqual(parsed);
    expect(cached.journal.byMessageId.get('<a@x>')?.state).toBe('sent');
    expect(cached.journal.byMessageId.get('<b@x>')).toBe(cached.journal.state.get('invitation:ana@example.org 2019-10-28T09:01:00.000Z'));
    expect(cached.roster.signups).toHaveLength(7);
  });

  it('reads a file changed by hand even when its size and times are put back as they were', async () => {
    const dir = await workspace();
    const path = rosterFile(dir, ID);
    expect((await readRoster(dir, ID)).signups.find((s) => s.email === 'ana@example.org')?.name).toBe('Ana Pérez');
    const { atime, mtime } = statSync(path);
    writeFileSync(path, readFileSync(path, 'utf8').replace('name: Ana Pérez', 'name: Ana Párez'));
    utimesSync(path, atime, mtime);
    expect((await readRoster(dir, ID)).signups.find((s) => s.email === 'ana@example.org')?.name).toBe('Ana Párez');
  });

  it('never believes an entry changed by hand, cut short or written by another build: the file is parsed again and the entry rewritten', async () => {
    const dir = await workspace();
    await readRoster(dir, ID);
    const entry = entryOf(dir, 'rosters', `${ID}.yaml`);
    const good = readFileSync(entry, 'utf8');
    const [check, hash] = good.slice(0, good.indexOf('\n')).split(' ');
    const value = JSON.parse(good.slice(good.indexOf('\n') + 1)) as Roster;
    const cancelled = { ...value, signups: value.signups.map((s) => (s.email === 'ana@example.org' ? { ...s, status: 'cancelled' } : s)) };
    const edited = `${check} ${hash}\n${JSON.stringify(cancelled)}`;
    const otherBuild = `${'0'.repeat(check!.length)} ${hash}${good.slice(good.indexOf('\n'))}`;
    for (const bad of [edited, good.slice(0, good.length - 10), otherBuild, '', 'not a cache entry']) {
      writeFileSync(entry, bad);
      expect(found(rosterFile(dir, ID))).toBeUndefined();
      expect((await readRoster(dir, ID)).signups.find((s) => s.email === 'ana@example.org')?.status).toBe('confirmed');
      expect(readFileSync(entry, 'utf8')).toBe(good);
    }
  });

  it('keeps no file that has a problem, and places a cached file’s warnings where they are in it', async () => {
    const dir = await workspace();
    editCircles(dir, `${ID}.yaml`, (text) => text.replace(/^signup_url: .*\n/m, ''));
    const first = await circle(['validate'], { cwd: dir });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/circles\/health-outcomes\.yaml:\d+:\d+: warning: no signup_url/);
    expect(existsSync(entryOf(dir, 'circles', `${ID}.yaml`))).toBe(true);
    expect(await circle(['validate'], { cwd: dir })).toMatchObject({ code: 0, stdout: first.stdout, stderr: first.stderr });

    writeFileSync(join(dir, 'circles', 'broken.yaml'), 'id: broken\ntitle: [unclosed\n');
    const broken = await circle(['validate'], { cwd: dir });
    expect([broken.code, broken.stdout]).toEqual([1, expect.stringMatching(/circles\/broken\.yaml:\d+:\d+: error: YAML syntax/)]);
    expect(existsSync(entryOf(dir, 'circles', 'broken.yaml'))).toBe(false);
    appendFileSync(journalWithResend(dir), '{"key":"invitation:ben@example.org 2019');
    expect((await readJournal(journalFile(dir, ID))).damaged).toEqual([6]);
    expect(existsSync(entryOf(dir, 'journals', `${ID}.jsonl`))).toBe(false);
  });

  it('is private and out of git, and a workspace where it cannot be written works as before', async () => {
    const dir = await workspace();
    const status = await circle(['status'], { cwd: dir });
    const cache = join(dir, '.circle-cache');
    expect(statSync(cache).mode & 0o777).toBe(0o700);
    expect(readFileSync(join(cache, '.gitignore'), 'utf8')).toMatch(/\n\*\n$/);
    for (const folder of readdirSync(cache).filter((name) => name !== '.gitignore')) {
      expect(statSync(join(cache, folder)).mode & 0o777).toBe(0o700);
      for (const name of readdirSync(join(cache, folder))) expect(statSync(join(cache, folder, name)).mode & 0o777, name).toBe(0o600);
    }
    execFileSync('git', ['init', '-q'], { cwd: dir });
    execFileSync('git', ['add', '-A'], { cwd: dir });
    const staged = execFileSync('git', ['diff', '--cached', '--name-only'], { cwd: dir, encoding: 'utf8' });
    expect(staged).toContain('circles/health-outcomes.yaml');
    expect(staged).not.toContain('.circle-cache');

    const blocked = await workspace();
    rmSync(join(blocked, '.circle-cache'), { recursive: true });
    writeFileSync(join(blocked, '.circle-cache'), 'a file where the cache folder would go\n');
    expect(await circle(['status'], { cwd: blocked })).toMatchObject({ code: status.code, stdout: status.stdout });
    expect(readFileSync(join(blocked, '.circle-cache'), 'utf8')).toBe('a file where the cache folder would go\n');
  });
});
