import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleWorkspace, startCli, startCliHoldingRosterLock } from '../helpers/cli.js';
import { mail, server, workspace } from '../helpers/mail.js';
import { formExport, rosterText, signupsIn, who, twoSeats } from '../helpers/signups.js';
import { circle } from '../helpers/in-process.js';

/* Roster runs that need real processes: two at once, and one killed (kill -9) while it holds the roster lock. */

describe('runs at the same time, and a run killed half-way', () => {
  it('two imports started together lose and duplicate nobody', async () => {
    const dir = exampleWorkspace();
    const a = formExport(dir, 'a.csv', Array.from({ length: 30 }, (_, i) => [`a${i}`, i] as [string, number]));
    const b = formExport(dir, 'b.csv', [...Array.from({ length: 30 }, (_, i) => [`b${i}`, i] as [string, number]), ['a5', 5], ['a6', 100]]);
    const runs = await Promise.all([startCli(['signups', 'import', 'making-a-case', a], { cwd: dir }).done, startCli(['signups', 'import', 'making-a-case', b], { cwd: dir }).done]);
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    const rows = await signupsIn(dir, 'making-a-case');
    expect(rows).toHaveLength(60);
    expect(new Set(rows.map((r) => r.email)).size).toBe(60);
    expect(rows.filter((r) => r.status === 'confirmed')).toHaveLength(20);
    expect(rows.filter((r) => r.status === 'waitlisted').map((r) => r.position)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(existsSync(join(dir, 'rosters', '.making-a-case.lock'))).toBe(false);
  });

  it('an import killed while holding the lock leaves the roster as it was; the next run recovers the lock', async () => {
    const dir = await twoSeats();
    const before = rosterText(dir, 'making-a-case');
    const run = await startCliHoldingRosterLock(['signups', 'import', 'making-a-case', formExport(dir, 'more.csv', [['eve', 5], ['fay', 6]])], { cwd: dir });
    run.child.kill('SIGKILL');
    await run.done;
    expect(existsSync(join(dir, 'rosters', '.making-a-case.lock'))).toBe(true);
    expect(rosterText(dir, 'making-a-case')).toBe(before);

    const next = await circle(['signups', 'import', 'making-a-case', 'more.csv'], { cwd: dir });
    expect(next.code).toBe(0);
    expect(next.stderr).toContain('recovered a roster lock left by a run that stopped');
    expect(who(await signupsIn(dir, 'making-a-case', 'waitlisted'))).toEqual(['cai#1', 'dee#2', 'eve#3', 'fay#4']);
    expect(existsSync(join(dir, 'rosters', '.making-a-case.lock'))).toBe(false);
  });
});

describe('circle signups edit killed half-way', () => {
  const journal = (dir: string) => readFileSync(join(dir, 'journals', 'health-outcomes.jsonl'), 'utf8');

  it('killed (kill -9) between the journal and the roster: running the edit again finishes it, and nothing is sent twice', async () => {
    const dir = await workspace();
    const smtp = await server();
    expect((await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes'])).code).toBe(0);
    // The pause comes once the roster lock is taken: the journal already follows, the roster not yet.
    const run = await startCliHoldingRosterLock(['signups', 'edit', 'health-outcomes', 'gus@example.org', '--email', 'gus.lee@example.org'], { cwd: dir });
    run.child.kill('SIGKILL');
    await run.done;
    expect(journal(dir)).not.toContain('gus@example.org');
    expect((await signupsIn(dir, 'health-outcomes', 'waitlisted')).at(-1)?.email).toBe('gus@example.org');

    const again = await circle(['signups', 'edit', 'health-outcomes', 'gus@example.org', '--email', 'gus.lee@example.org'], { cwd: dir });
    expect(again.code).toBe(0);
    expect((await signupsIn(dir, 'health-outcomes', 'waitlisted')).at(-1)?.email).toBe('gus.lee@example.org');
    const notify = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);
    expect([notify.code, smtp.received.length]).toEqual([0, 4]);
  });
});
