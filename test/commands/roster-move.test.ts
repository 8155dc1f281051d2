import { describe, expect, it } from 'vitest';
import { exampleWorkspace } from '../helpers/cli.js';
import { circle } from '../helpers/in-process.js';
import { formExport, signupsIn, who, setCapacity } from '../helpers/signups.js';

const statuses = async (dir: string, id: string) => (await signupsIn(dir, id)).map((r) => `${r.email.split('@')[0]}:${r.status}${r.position ? `#${r.position}` : ''}`);

/** One series form imported into both circles: the same rows, the same signup times, in each. */
async function seriesWorkspace(): Promise<string> {
  const dir = exampleWorkspace();
  const file = formExport(dir, 'form.csv', [['ana', 1], ['ben', 2]]);
  for (const id of ['making-a-case', 'supplier-engagement']) expect((await circle(['signups', 'import', id, file], { cwd: dir })).code).toBe(0);
  return dir;
}

describe('circle signups move never loses a person', () => {
  it('moves Ana back into a circle she cancelled earlier, with the same signup row there: she gets one of its free seats', async () => {
    const dir = await seriesWorkspace();
    expect((await circle(['signups', 'cancel', 'supplier-engagement', 'ana@example.org'], { cwd: dir })).code).toBe(0);
    const result = await circle(['signups', 'move', 'making-a-case', 'ana@example.org', '--to', 'supplier-engagement'], { cwd: dir });
    expect([result.code, result.stderr]).toEqual([0, expect.not.stringContaining('error')]);
    expect(result.stdout).toContain('moved Ana Example <ana@example.org> from making-a-case to a seat in supplier-engagement');
    expect(await statuses(dir, 'supplier-engagement')).toEqual(['ana:confirmed', 'ben:confirmed', 'ana:cancelled']);
    expect(await statuses(dir, 'making-a-case')).toEqual(['ben:confirmed', 'ana:cancelled']);
  });

  it('a seated person going to a full circle: without a terminal and without --yes nothing changes, and the error names --yes', async () => {
    const dir = await seriesWorkspace();
    setCapacity(dir, 'supplier-engagement', 1);
    await circle(['signups', 'cancel', 'supplier-engagement', 'ana@example.org'], { cwd: dir });
    await circle(['signups', 'add', 'supplier-engagement', '--name', 'Zed Example', '--email', 'zed@example.org'], { cwd: dir });
    const before = await statuses(dir, 'supplier-engagement');
    const refused = await circle(['signups', 'move', 'making-a-case', 'ana@example.org', '--to', 'supplier-engagement'], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('not moved: Ana Example <ana@example.org> has a seat in making-a-case, but supplier-engagement is full: they would wait at #1 there');
    expect(refused.stderr).toContain('run it again with --yes');
    expect(await statuses(dir, 'supplier-engagement')).toEqual(before);
    expect(await statuses(dir, 'making-a-case')).toEqual(['ana:confirmed', 'ben:confirmed']);

    const agreed = await circle(['signups', 'move', 'making-a-case', 'ana@example.org', '--to', 'supplier-engagement', '--yes'], { cwd: dir });
    expect(agreed.code).toBe(0);
    expect(agreed.stdout).toContain('moved Ana Example <ana@example.org> from making-a-case to the waitlist at #1 in supplier-engagement');
    expect(agreed.stdout).toContain('Ana Example <ana@example.org> gave up their seat in making-a-case: supplier-engagement had none free');
    // By her signup time she stands before Zed, the later walk-in.
    expect(who(await signupsIn(dir, 'supplier-engagement', 'waitlisted'))).toEqual(['ana#1', 'zed#2']);
  });

  it('on a terminal, asks before a seated person gives up their seat; "no" changes nothing', async () => {
    const dir = await seriesWorkspace();
    setCapacity(dir, 'supplier-engagement', 2);
    await circle(['signups', 'cancel', 'supplier-engagement', 'ana@example.org'], { cwd: dir });
    await circle(['signups', 'add', 'supplier-engagement', '--name', 'Zed Example', '--email', 'zed@example.org'], { cwd: dir });
    // A terminal: scripted answers; a question with none left fails the run.
    const term = await circle(['signups', 'move', 'making-a-case', 'ben@example.org', '--to', 'supplier-engagement'], { cwd: dir, answers: [] });
    // Ben is seated in both: already on the roster there, refused without a question.
    expect([term.code, term.asked]).toEqual([1, []]);
    expect(term.stderr).toContain('ben@example.org is already on the roster of supplier-engagement (confirmed)');

    const asked = await circle(['signups', 'move', 'making-a-case', 'ana@example.org', '--to', 'supplier-engagement'], { cwd: dir, answers: [false] });
    expect(asked.asked).toEqual([expect.stringContaining('they would wait at #1 there. Give up their seat?')]);
    expect(asked.code).toBe(1);
    expect(asked.stderr).toContain('not moved: Ana Example <ana@example.org> keeps their seat in making-a-case');
    expect(await statuses(dir, 'making-a-case')).toEqual(['ana:confirmed', 'ben:confirmed']);
  });
});
