import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, binForAnyUser, exampleWorkspace, tempDir } from '../helpers/cli.js';
import { circle } from '../helpers/in-process.js';
import { formExport, rosterText } from '../helpers/signups.js';

/*
 * The disk or the system refuses a write or a read: a full tmpfs, a read-only bind mount, a
 * file-size limit, a folder another user owns. Each is an error with the path and a fix, exit 1,
 * never "this is a bug", and the files are as they were (no half-written roster, no temp file).
 * The mounts and the other user need root: those tests say so and are skipped when not root.
 */

const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

const mounts: string[] = [];
const owned: string[] = [];
afterAll(() => {
  for (const point of mounts.reverse()) spawnSync('umount', ['-l', point]);
  for (const dir of owned) rmSync(dir, { recursive: true, force: true });
});

function mount(args: string[], point: string): void {
  const result = spawnSync('mount', [...args, point], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`mount ${args.join(' ')} ${point}: ${result.stderr}`);
  mounts.push(point);
}

/** A folder outside the per-test cleanup: mounts on it are undone in afterAll first. */
function mountPoint(): string {
  const dir = join(tmpdir(), `circle-mount-${process.pid}-${mounts.length}-${owned.length}`);
  mkdirSync(dir, { recursive: true });
  owned.push(dir);
  return dir;
}

/** No temp file of an atomic write is left anywhere in the workspace. */
function leftovers(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.includes('.circle-') && name.endsWith('.tmp'));
}

/** A workspace with one imported roster, to change under a fault. */
async function importedWorkspace(dir: string): Promise<string> {
  cpSync(join(ROOT, 'circles'), join(dir, 'circles'), { recursive: true });
  formExport(dir, 'first.csv', [['ana', 1], ['bo', 2]]);
  expect((await circle(['signups', 'import', 'making-a-case', 'first.csv'], { cwd: dir })).code).toBe(0);
  return rosterText(dir, 'making-a-case');
}

/** A form export of `count` people, each row about 60 bytes. */
const crowd = (dir: string, count: number) => formExport(dir, 'crowd.csv', Array.from({ length: count }, (_, i) => [`person${i}`, i] as [string, number]));

/** Writes until the disk is full: the file keeps what fit. */
function fillUp(path: string): void {
  try {
    writeFileSync(path, Buffer.alloc(1024 * 1024));
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== 'ENOSPC') throw cause;
  }
}

const expectNoBug = (stderr: string) => {
  expect(stderr).not.toContain('internal error');
  expect(stderr).not.toContain('this is a bug');
};

describe.skipIf(!isRoot)('a full disk (needs root: mounts a 64 KB tmpfs)', () => {
  it('an import that does not fit says the disk is full, names the roster, and leaves the old roster whole', async () => {
    const dir = mountPoint();
    mount(['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs'], dir);
    const before = await importedWorkspace(dir);
    // The CSV lives outside the small disk: only the roster has to fit.
    const outside = tempDir();
    crowd(outside, 2000);
    const result = await circle(['signups', 'import', 'making-a-case', join(outside, 'crowd.csv')], { cwd: dir });
    expect(result.code).toBe(1);
    expectNoBug(result.stderr);
    expect(result.stderr).toContain('error: cannot write rosters/making-a-case.yaml: the disk is full (ENOSPC)');
    expect(result.stderr).toContain('hint: free some space on the disk, then run the command again');
    expect(rosterText(dir, 'making-a-case')).toBe(before);
    expect(leftovers(dir)).toEqual([]);
  });

  it('`circle add` on a full disk says so and writes no circle file', async () => {
    const dir = mountPoint();
    mount(['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs'], dir);
    cpSync(join(ROOT, 'circles'), join(dir, 'circles'), { recursive: true });
    fillUp(join(dir, 'filler'));
    const args = ['add', '--series', 'lift', '--title', 'Open data for health', '--start', '2030-01-09T10:00', '--duration', '1h', '--host-name', 'Ana García'];
    const result = await circle(args, { cwd: dir });
    expect(result.code).toBe(1);
    expectNoBug(result.stderr);
    expect(result.stderr).toMatch(/error: cannot write circles\/open-data-for-health\.yaml: the disk is full \(ENOSPC\)/);
    expect(existsSync(join(dir, 'circles', 'open-data-for-health.yaml'))).toBe(false);
    expect(leftovers(dir)).toEqual([]);
  });
});

describe.skipIf(!isRoot)('the parse cache on a full disk (needs root: mounts a 64 KB tmpfs)', () => {
  it('commands that only read work as on any disk, and the cache keeps no part of an entry', async () => {
    const dir = mountPoint();
    mount(['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs'], dir);
    await importedWorkspace(dir);
    const status = await circle(['status'], { cwd: dir });
    expect(status.code).toBe(0);
    rmSync(join(dir, '.circle-cache'), { recursive: true });
    fillUp(join(dir, 'filler'));
    for (const args of [['status'], ['list'], ['run', '--dry-run']]) {
      const result = await circle(args, { cwd: dir, env: { CIRCLE_SMTP_URL: 'smtp://127.0.0.1:9' } });
      expectNoBug(result.stderr);
      if (args[0] === 'status') expect([result.code, result.stdout]).toEqual([0, status.stdout]);
      else expect(result.stderr).not.toContain('ENOSPC');
    }
    const cache = join(dir, '.circle-cache');
    const entries = existsSync(cache) ? readdirSync(cache, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.json')) : [];
    for (const name of entries) expect(readFileSync(join(cache, name), 'utf8'), name).toMatch(/^[0-9a-f]{40} [0-9a-f]{40}\n[[{].*[\]}]$/s);
    expect(leftovers(dir)).toEqual([]);
  });
});

describe.skipIf(!isRoot)('a read-only folder (needs root: a read-only bind mount)', () => {
  it('import and add say the file system is read-only, with the path, and change nothing', async () => {
    const source = tempDir();
    const before = await importedWorkspace(source);
    const dir = mountPoint();
    mount(['--bind', source], dir);
    mount(['-o', 'remount,ro,bind'], dir);
    const csv = join(source, 'first.csv');
    const imported = await circle(['signups', 'import', 'making-a-case', csv], { cwd: dir });
    expect(imported.code).toBe(1);
    expectNoBug(imported.stderr);
    expect(imported.stderr).toMatch(/error: cannot (write|open|create the lock) rosters\/\S+: the file system is read-only \(EROFS\)/);
    expect(imported.stderr).toContain('hint: run the command in a workspace on a writable disk');
    const walkIn = await circle(['signups', 'add', 'making-a-case', '--name', 'Cy Example', '--email', 'cy@example.org'], { cwd: dir });
    expect(walkIn.code).toBe(1);
    expect(walkIn.stderr).toContain('the file system is read-only (EROFS)');
    const added = await circle(['add', '--series', 'lift', '--title', 'Open data', '--start', '2030-01-09T10:00', '--duration', '1h', '--host-name', 'Ana García'], { cwd: dir });
    expect(added.code).toBe(1);
    expectNoBug(added.stderr);
    expect(added.stderr).toContain('error: cannot write circles/open-data.yaml: the file system is read-only (EROFS)');
    expect(rosterText(source, 'making-a-case')).toBe(before);
    expect(leftovers(source)).toEqual([]);
  });
});

describe('a file-size limit (ulimit -f)', () => {
  it('an import whose roster passes the limit says so, and the old roster stays whole', async () => {
    const dir = tempDir();
    const before = await importedWorkspace(dir);
    crowd(dir, 2000);
    // ulimit -f counts 1024-byte blocks: 64 KB takes the CSV read but not a roster of 2,000 people.
    const result = spawnSync('bash', ['-c', `ulimit -f 64; exec "${process.execPath}" "${BIN}" signups import making-a-case crowd.csv`], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(result.status).toBe(1);
    expectNoBug(result.stderr);
    expect(result.stderr).toContain('error: cannot write rosters/making-a-case.yaml: it would pass the file-size limit of this process (EFBIG)');
    expect(result.stderr).toContain('hint: raise the limit (`ulimit -f unlimited`)');
    expect(rosterText(dir, 'making-a-case')).toBe(before);
    expect(leftovers(dir)).toEqual([]);
  });
});

describe.skipIf(!isRoot)('permission denied (needs root: runs the CLI as the user nobody)', () => {
  const asNobody = (args: string[], cwd: string) => {
    const result = spawnSync('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath, binForAnyUser(), ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  /** A workspace nobody may read but not write. */
  function lockedWorkspace(): string {
    const dir = mountPoint();
    chmodSync(dir, 0o755);
    cpSync(join(ROOT, 'circles'), join(dir, 'circles'), { recursive: true });
    return dir;
  }

  it('an import into a folder the user may not write says permission denied, the folder and the fix', () => {
    const dir = lockedWorkspace();
    formExport(dir, 'first.csv', [['ana', 1]]);
    const result = asNobody(['signups', 'import', 'making-a-case', 'first.csv'], dir);
    expect(result.code).toBe(1);
    expectNoBug(result.stderr);
    expect(result.stderr).toContain('error: cannot create the folder rosters: permission denied (EACCES)');
    expect(result.stderr).toContain('hint: give your user write permission on the folder');
    expect(existsSync(join(dir, 'rosters'))).toBe(false);
  });

  it('a roster the user may not read is "permission denied" with the path and the fix, never "damaged"', async () => {
    const dir = lockedWorkspace();
    await importedWorkspace(dir);
    chmodSync(join(dir, 'rosters'), 0o755);
    chmodSync(join(dir, 'rosters', 'making-a-case.yaml'), 0o600);
    for (const args of [['list'], ['signups', 'list', 'making-a-case'], ['announce']]) {
      const result = asNobody(args, dir);
      expect(result.code, args.join(' ')).toBe(1);
      expectNoBug(result.stderr);
      expect(result.stderr).not.toContain('damaged');
      expect(result.stderr).toContain('error: cannot read rosters/making-a-case.yaml: permission denied (EACCES)');
      expect(result.stderr).toContain('hint: give your user read permission');
    }
    const validate = asNobody(['validate'], dir);
    expect(validate.code).toBe(1);
    expect(validate.stdout).toContain('rosters/making-a-case.yaml:1:1: error: cannot read rosters/making-a-case.yaml: permission denied (EACCES)');
    expect(validate.stdout).not.toContain('damaged');
  });
});

describe('paths that are files where folders belong (ENOTDIR)', () => {
  it('-C pointing at a file, or circles being a file, is an error naming it, exit 1', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'hello\n');
    for (const args of [['list'], ['validate'], ['signups', 'import', 'making-a-case', 'x.csv']]) {
      const result = await circle(['-C', 'notes.txt', ...args], { cwd: dir });
      expect(result.code, args.join(' ')).toBe(1);
      expectNoBug(result.stderr);
      expect(result.stderr).toContain('error: notes.txt is a file, not a workspace folder');
      expect(result.stderr).toContain('hint: give -C the folder that holds circles/');
    }
    writeFileSync(join(dir, 'circles'), 'not a folder\n');
    const result = await circle(['validate'], { cwd: dir });
    expect(result.code).toBe(1);
    expectNoBug(result.stderr);
    expect(result.stderr).toContain('error: circles is a file, not a folder');
  });

  it('rosters being a file is an error naming it, exit 1', async () => {
    const dir = exampleWorkspace();
    writeFileSync(join(dir, 'rosters'), 'not a folder\n');
    formExport(dir, 'first.csv', [['ana', 1]]);
    const result = await circle(['signups', 'import', 'making-a-case', 'first.csv'], { cwd: dir });
    expect(result.code).toBe(1);
    expectNoBug(result.stderr);
    expect(result.stderr).toContain('error: cannot create the folder rosters: it is a file, not a folder (EEXIST)');
    expect(result.stderr).toContain('hint: move that file away');
    expect(readFileSync(join(dir, 'rosters'), 'utf8')).toBe('not a folder\n');
  });
});

describe('ids too long to name a file (ENAMETOOLONG)', () => {
  it('validate rejects a circle id of 230 characters; add refuses it before writing', async () => {
    const dir = exampleWorkspace();
    const id = 'a'.repeat(230);
    const text = readFileSync(join(dir, 'circles', 'making-a-case.yaml'), 'utf8').replace(/^id: .*$/m, `id: ${id}`);
    writeFileSync(join(dir, 'circles', `${id}.yaml`), text.replace(/^number: .*$/m, 'number: 9'));
    const validate = await circle(['validate'], { cwd: dir });
    expect(validate.code).toBe(1);
    expect(validate.stdout).toContain(`circles/${id}.yaml`);
    expect(validate.stdout).toContain('is longer than 100 characters: it names files');
    const added = await circle(['add', '--id', 'b'.repeat(235), '--series', 'lift', '--title', 'Long', '--start', '2030-01-09T10:00', '--duration', '1h', '--host-name', 'Ana García'], { cwd: dir });
    expect(added.code).not.toBe(0);
    expectNoBug(added.stderr);
    expect(added.stderr).toContain('is longer than 100 characters');
  });
});
