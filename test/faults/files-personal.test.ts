import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { formExport } from '../helpers/signups.js';
import { circle } from '../helpers/in-process.js';
import { mail, server, workspace as mailWorkspace } from '../helpers/mail.js';

/*
 * Personal data (rosters, exports, mail previews, the form exports themselves) never shows up in
 * `git status` of a workspace made by `circle init`, and is its owner's alone: 0600 files in 0700
 * folders.
 */

const mode = (path: string) => statSync(path).mode & 0o777;
const git = (dir: string, args: string[]) => {
  const result = spawnSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
};

/** A workspace (in a git repository with `inGit`), with two people imported into its first circle. */
async function workspace(inGit = false): Promise<string> {
  const dir = tempDir();
  expect((await circle(['init', '--series', 'lift', '--organizer-name', 'Lift Learning Circles', '--organizer-email', 'circles@example.org'], { cwd: dir })).code).toBe(0);
  if (inGit) git(dir, ['init', '-q', '.']);
  // Signed up this year: init's circle is weeks away, and a date years from it is refused.
  formExport(dir, 'responses.csv', [['ana', 1], ['bo', 2]], new Date().getUTCFullYear());
  expect((await circle(['signups', 'import', 'first-circle', 'responses.csv'], { cwd: dir })).code).toBe(0);
  return dir;
}

// git is what the organiser has, not what circle needs: on a machine without it the test says so and is
// skipped, except under CI, where .ci/run installs it.
const noGit = spawnSync('git', ['--version']).status !== 0 && !process.env.CI;
if (noGit) process.stderr.write('skipped: git is not installed; install it (Debian package git) to check what circle init keeps out of git\n');

describe.skipIf(noGit)('personal data stays out of git', () => {
  it('rosters, `signups export --out seats.csv`, `--preview outbox/` and the form export are all ignored', async () => {
    const dir = await workspace(true);
    const exported = await circle(['signups', 'export', 'first-circle', '--out', 'seats.csv'], { cwd: dir });
    expect(exported.code).toBe(0);
    expect(exported.stderr).toContain('wrote 2 signups to seats.csv (personal data');
    const preview = await circle(['invites', 'send', 'first-circle', '--preview', 'outbox/'], { cwd: dir });
    expect(preview.code).toBe(0);
    expect(preview.stdout.split('\n').filter(Boolean)).toEqual(['outbox/001-first-circle-invitation.eml', 'outbox/002-first-circle-invitation.eml']);
    // Only what belongs in git is offered to add.
    expect(git(dir, ['status', '--porcelain', '--untracked-files=all']).split('\n').filter(Boolean).map((line) => line.slice(3)).sort()).toEqual([
      '.gitignore',
      'circles/first-circle.yaml',
      'circles/lift.series.yaml',
      'schema/circle.schema.json',
      'schema/series.schema.json',
    ]);
  });
});

describe('personal data is 0600 in 0700 folders', () => {
  it('rosters, exports and previews, even in a rosters/ folder an older version left open', async () => {
    const dir = await workspace();
    expect(mode(join(dir, 'rosters'))).toBe(0o700);
    expect(mode(join(dir, 'rosters', 'first-circle.yaml'))).toBe(0o600);
    chmodSync(join(dir, 'rosters'), 0o755);
    chmodSync(join(dir, 'rosters', 'first-circle.yaml'), 0o644);
    expect((await circle(['signups', 'add', 'first-circle', '--name', 'Cy Example', '--email', 'cy@example.org'], { cwd: dir })).code).toBe(0);
    expect(mode(join(dir, 'rosters'))).toBe(0o700);
    expect(mode(join(dir, 'rosters', 'first-circle.yaml'))).toBe(0o600);

    expect((await circle(['signups', 'export', 'first-circle', '--out', 'seats.csv'], { cwd: dir })).code).toBe(0);
    expect(mode(join(dir, 'seats.csv'))).toBe(0o600);
    expect((await circle(['invites', 'send', 'first-circle', '--preview', 'outbox'], { cwd: dir })).code).toBe(0);
    expect(mode(join(dir, 'outbox'))).toBe(0o700);
    const previews = readdirSync(join(dir, 'outbox'));
    expect(previews).toHaveLength(3);
    for (const name of previews) expect(mode(join(dir, 'outbox', name)), name).toBe(0o600);
  });

  it('a preview folder the user made already keeps its own mode; the files in it are still private', async () => {
    const dir = await workspace();
    mkdirSync(join(dir, 'mine'), { mode: 0o755 });
    chmodSync(join(dir, 'mine'), 0o755);
    expect((await circle(['invites', 'send', 'first-circle', '--preview', 'mine'], { cwd: dir })).code).toBe(0);
    expect(mode(join(dir, 'mine'))).toBe(0o755);
    for (const name of readdirSync(join(dir, 'mine'))) expect(mode(join(dir, 'mine', name))).toBe(0o600);
  });

  it('mail journals, written by a mail run and rewritten by an address correction, are 0600 in 0700', async () => {
    const dir = await mailWorkspace();
    const smtp = await server();
    expect((await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes'])).code).toBe(0);
    const journal = join(dir, 'journals', 'health-outcomes.jsonl');
    expect([mode(join(dir, 'journals')), mode(journal)]).toEqual([0o700, 0o600]);
    expect((await circle(['signups', 'edit', 'health-outcomes', 'diego@example.org', '--email', 'diego.r@example.org'], { cwd: dir })).code).toBe(0);
    expect(readdirSync(join(dir, 'journals'))).toEqual(['health-outcomes.jsonl']);
    expect(mode(journal)).toBe(0o600);
  });
});
