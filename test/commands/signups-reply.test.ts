import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyInboxChanges } from '../../src/roster/inbox-changes.js';
import { circle } from '../helpers/in-process.js';
import { formExport, rosterText, setCapacity, signupsIn as listed, type SignupJson, twoSeats } from '../helpers/signups.js';

/** signups list --json rows, with the answer to the invitation. */
const signupsIn = async (dir: string, id: string) => (await listed(dir, id)) as Array<SignupJson & { reply?: string; replied?: string }>;

const RULES = { capacity: 2, now: '2019-11-01T12:00:00.000Z' };

describe('answers and cancellations from the mailbox, as signups list shows them', () => {
  it('an accept and a tentative answer are kept on the seats; a decline cancels as signups cancel does', async () => {
    const dir = await twoSeats();
    const applied = await applyInboxChanges(dir, 'making-a-case', [
      { type: 'record', email: 'ana@example.org', partstat: 'ACCEPTED', at: '2019-11-02T15:00:00Z' },
      { type: 'record', email: 'ben@example.org', partstat: 'TENTATIVE', at: '2019-11-02T16:00:00Z' },
      { type: 'cancel', email: 'ben@example.org', because: 'declined' },
      { type: 'cancel', email: 'dee@example.org', because: 'leave-link' },
    ], RULES);
    expect(applied.outcomes.map((o) => o.kind)).toEqual(['recorded', 'recorded', 'cancelled', 'cancelled']);
    expect(applied.owedSeatMail.map((s) => s.name)).toEqual(['Cai Example']);

    const rows = await signupsIn(dir, 'making-a-case');
    expect(rows.map((r) => [r.email, r.status, r.seatEmailOwed, r.reply, r.replied, r.note])).toEqual([
      ['ana@example.org', 'confirmed', false, 'accepted', '2019-11-02T15:00:00.000Z', undefined],
      ['cai@example.org', 'confirmed', true, undefined, undefined, undefined],
      ['ben@example.org', 'cancelled', false, undefined, undefined, 'declined the calendar invitation'],
      ['dee@example.org', 'cancelled', false, undefined, undefined, 'left by the link in a mail'],
    ]);
    // Rows without an answer carry no reply keys: the --json shape is as before for them.
    expect(Object.keys(rows[1] as object)).not.toContain('reply');

    const table = await circle(['signups', 'list', 'making-a-case'], { cwd: dir });
    expect(table.code).toBe(0);
    const line = (who: string) => table.stdout.split('\n').find((l) => l.includes(`${who}@example.org`)) ?? '';
    expect(line('ana')).toMatch(/accepted the invitation \(2019-11-02 \d\d:00:00\)$/);
    expect(line('cai')).toMatch(/owed a seat email$/);
    expect(line('ben')).toMatch(/declined the calendar invitation$/);
    expect(rosterText(dir, 'making-a-case')).toContain('    reply: accepted\n    replied: 2019-11-02T15:00:00.000Z\n');
  });

  it('a dry run says what would change and writes nothing', async () => {
    const dir = await twoSeats();
    const before = rosterText(dir, 'making-a-case');
    const applied = await applyInboxChanges(dir, 'making-a-case', [{ type: 'cancel', email: 'ana@example.org', because: 'declined' }], RULES, { dryRun: true });
    expect(applied.outcomes).toEqual([expect.objectContaining({ kind: 'cancelled', was: 'confirmed', promoted: [expect.objectContaining({ email: 'cai@example.org' })] })]);
    expect(rosterText(dir, 'making-a-case')).toBe(before);
  });

  it('the answer stays through a correction, a promotion and another import', async () => {
    const dir = await twoSeats();
    await applyInboxChanges(dir, 'making-a-case', [{ type: 'record', email: 'ana@example.org', partstat: 'ACCEPTED', at: '2019-11-02T15:00:00Z' }], RULES);
    expect((await circle(['signups', 'edit', 'making-a-case', 'ana@example.org', '--name', 'Ana García'], { cwd: dir })).code).toBe(0);
    setCapacity(dir, 'making-a-case', 3);
    expect((await circle(['signups', 'promote', 'making-a-case'], { cwd: dir })).code).toBe(0);
    expect((await circle(['signups', 'import', 'making-a-case', formExport(dir, 'b.csv', [['fay', 9]])], { cwd: dir })).code).toBe(0);
    const [ana] = await signupsIn(dir, 'making-a-case');
    expect([ana?.name, ana?.reply, ana?.replied]).toEqual(['Ana García', 'accepted', '2019-11-02T15:00:00.000Z']);
  });

  it('validate names a reply without its time at file:line:col, and a command reading the roster refuses it', async () => {
    const dir = await twoSeats();
    await applyInboxChanges(dir, 'making-a-case', [{ type: 'record', email: 'ana@example.org', partstat: 'ACCEPTED', at: '2019-11-02T15:00:00Z' }], RULES);
    const path = join(dir, 'rosters', 'making-a-case.yaml');
    writeFileSync(path, readFileSync(path, 'utf8').replace('    replied: 2019-11-02T15:00:00.000Z\n', ''));
    const checked = await circle(['validate', 'rosters/making-a-case.yaml'], { cwd: dir });
    expect(checked.code).toBe(1);
    expect(checked.stdout).toMatch(/^rosters\/making-a-case\.yaml:\d+:\d+: error: "signups\[0\]\.reply": is set without replied: give both or neither/m);
    const listed = await circle(['signups', 'list', 'making-a-case'], { cwd: dir });
    expect([listed.code, listed.stderr]).toEqual([1, expect.stringContaining('"signups[0].reply": is set without replied: give both or neither')]);
  });
});
