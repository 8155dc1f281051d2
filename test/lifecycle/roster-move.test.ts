import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleWorkspace, runCli } from '../helpers/cli.js';
import { Terminal } from '../helpers/pty.js';
import { formExport, listJson, who } from '../helpers/signups.js';

const setCapacity = (dir: string, id: string, capacity: number) => {
  const path = join(dir, 'circles', `${id}.yaml`);
  writeFileSync(path, readFileSync(path, 'utf8').replace(/capacity: \d+/, `capacity: ${capacity}`));
};
const statuses = (dir: string, id: string) => listJson(dir, id).map((r) => `${r.email.split('@')[0]}:${r.status}${r.position ? `#${r.position}` : ''}`);

/** One series form imported into both circles: the same rows, the same signup times, in each. */
function seriesWorkspace(): string {
  const dir = exampleWorkspace();
  const file = formExport(dir, 'form.csv', [['ana', 1], ['ben', 2]]);
  for (const id of ['making-a-case', 'supplier-engagement']) expect(runCli(['signups', 'import', id, file], { cwd: dir }).code).toBe(0);
  return dir;
}

describe('circle signups move never loses a person', () => {
  it('moves Ana back into a circle she cancelled earlier, with the same signup row there: she gets one of its free seats', () => {
    const dir = seriesWorkspace();
    expect(runCli(['signups', 'cancel', 'supplier-engagement', 'ana@example.org'], { cwd: dir }).code).toBe(0);
    const result = runCli(['signups', 'move', 'making-a-case', 'ana@example.org', '--to', 'supplier-engagement'], { cwd: dir });
    expect([result.code, result.stderr]).toEqual([0, expect.not.stringContaining('error')]);
    expect(result.stdout).toContain('moved Ana Example <ana@example.org> from making-a-case to a seat in supplier-engagement');
    expect(statuses(dir, 'supplier-engagement')).toEqual(['ana:confirmed', 'ben:confirmed', 'ana:cancelled']);
    expect(statuses(dir, 'making-a-case')).toEqual(['ben:confirmed', 'ana:cancelled']);
  });

  it('a seated person going to a full circle: without a terminal and without --yes nothing changes, and the error names --yes', () => {
    const dir = seriesWorkspace();
    setCapacity(dir, 'supplier-engagement', 1);
    runCli(['signups', 'cancel', 'supplier-engagement', 'ana@example.org'], { cwd: dir });
    runCli(['signups', 'add', 'supplier-engagement', '--name', 'Zed Example', '--email', 'zed@example.org'], { cwd: dir });
    const before = statuses(dir, 'supplier-engagement');
    const refused = runCli(['signups', 'move', 'making-a-case', 'ana@example.org', '--to', 'supplier-engagement'], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('not moved: Ana Example <ana@example.org> has a seat in making-a-case, but supplier-engagement is full: they would wait at #1 there');
    expect(refused.stderr).toContain('run it again with --yes');
    expect(statuses(dir, 'supplier-engagement')).toEqual(before);
    expect(statuses(dir, 'making-a-case')).toEqual(['ana:confirmed', 'ben:confirmed']);

    const agreed = runCli(['signups', 'move', 'making-a-case', 'ana@example.org', '--to', 'supplier-engagement', '--yes'], { cwd: dir });
    expect(agreed.code).toBe(0);
    expect(agreed.stdout).toContain('moved Ana Example <ana@example.org> from making-a-case to the waitlist at #1 in supplier-engagement');
    expect(agreed.stdout).toContain('Ana Example <ana@example.org> gave up their seat in making-a-case: supplier-engagement had none free');
    // By her signup time she stands before Zed, the later walk-in.
    expect(who(listJson(dir, 'supplier-engagement', 'waitlisted'))).toEqual(['ana#1', 'zed#2']);
  });

  it('on a terminal, asks before a seated person gives up their seat; "no" changes nothing', async () => {
    const dir = seriesWorkspace();
    setCapacity(dir, 'supplier-engagement', 2);
    runCli(['signups', 'cancel', 'supplier-engagement', 'ana@example.org'], { cwd: dir });
    runCli(['signups', 'add', 'supplier-engagement', '--name', 'Zed Example', '--email', 'zed@example.org'], { cwd: dir });
    const term = new Terminal(['signups', 'move', 'making-a-case', 'ben@example.org', '--to', 'supplier-engagement'], dir);
    // Ben is seated in both: already on the roster there, refused without a question.
    expect(await term.exited).toBe(1);
    expect(term.screen).toContain('ben@example.org is already on the roster of supplier-engagement (confirmed)');

    const asked = new Terminal(['signups', 'move', 'making-a-case', 'ana@example.org', '--to', 'supplier-engagement'], dir);
    await asked.answer('they would wait at #1 there. Give up their seat?', 'n');
    expect(await asked.exited).toBe(1);
    expect(asked.screen).toContain('not moved: Ana Example <ana@example.org> keeps their seat in making-a-case');
    expect(statuses(dir, 'making-a-case')).toEqual(['ana:confirmed', 'ben:confirmed']);
  });
});
