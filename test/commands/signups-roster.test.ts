import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleWorkspace, ROOT } from '../helpers/cli.js';
import { circle } from '../helpers/in-process.js';
import { isExampleWarning } from '../helpers/organiser.js';
import { addFixture, formExport, rosterText, signupsIn, who, setCapacity, twoSeats } from '../helpers/signups.js';

describe('circle signups cancel, add, move, remove, promote', () => {
  it('cancel frees a seat for the first person waiting, who is owed a seat email', async () => {
    const dir = await twoSeats();
    const result = await circle(['signups', 'cancel', 'making-a-case', 'ANA@example.org'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('cancelled Ana Example <ana@example.org> in making-a-case');
    expect(result.stdout).toContain('Cai Example <cai@example.org> moves up from the waitlist to a seat in making-a-case and is owed a "you have a seat" email');
    const rows = await signupsIn(dir, 'making-a-case');
    expect(rows.map((r) => `${r.email.split('@')[0]}:${r.status}${r.position ? `#${r.position}` : ''}${r.seatEmailOwed ? ':owed' : ''}`)).toEqual([
      'ben:confirmed', 'cai:confirmed:owed', 'dee:waitlisted#1', 'ana:cancelled',
    ]);
    expect(rosterText(dir, 'making-a-case')).toContain('seat_email_owed: true');
    const again = await circle(['signups', 'cancel', 'making-a-case', 'ana@example.org'], { cwd: dir });
    expect([again.code, again.stderr]).toEqual([1, expect.stringContaining('ana@example.org has already cancelled their signup for making-a-case')]);
  });

  it('add seats a walk-in when a seat is free, else puts them at the end of the waitlist; twice is refused', async () => {
    const dir = await twoSeats();
    const waiting = await circle(['signups', 'add', 'making-a-case', '--name', 'Eve Example', '--email', 'eve@example.org', '--language', 'es'], { cwd: dir });
    expect(waiting.stdout).toContain('Eve Example <eve@example.org> goes on the waitlist at #3 in making-a-case');
    const twice = await circle(['signups', 'add', 'making-a-case', '--name', 'Eve', '--email', 'EVE@example.org'], { cwd: dir });
    expect([twice.code, twice.stderr]).toEqual([1, expect.stringContaining('EVE@example.org is already on the roster of making-a-case')]);
    const free = await circle(['signups', 'add', 'supplier-engagement', '--name', 'Eve Example', '--email', 'eve@example.org'], { cwd: dir });
    expect(free.stdout).toContain('gets a seat in supplier-engagement');
    expect((await signupsIn(dir, 'making-a-case', 'waitlisted')).at(-1)).toMatchObject({ email: 'eve@example.org', language: 'es', source: 'a walk-in', position: 3 });
    const missing = await circle(['signups', 'add', 'making-a-case', '--name', 'X'], { cwd: dir });
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining('missing required options: --email')]);
  });

  it('move cancels here, frees the seat, and places the person in the other circle by their signup time', async () => {
    const dir = await twoSeats();
    setCapacity(dir, 'supplier-engagement', 1);
    await circle(['signups', 'import', 'supplier-engagement', formExport(dir, 'b.csv', [['zed', 0], ['yan', 30]])], { cwd: dir });
    const result = await circle(['signups', 'move', 'making-a-case', 'ben@example.org', '--to', 'supplier-engagement', '--yes'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('moved Ben Example <ben@example.org> from making-a-case to the waitlist at #1 in supplier-engagement');
    expect(who(await signupsIn(dir, 'supplier-engagement'))).toEqual(['zed', 'ben#1', 'yan#2']);
    expect(await signupsIn(dir, 'making-a-case', 'cancelled')).toMatchObject([{ email: 'ben@example.org', note: 'moved to supplier-engagement' }]);
    expect((await signupsIn(dir, 'making-a-case', 'confirmed')).map((r) => [r.email, r.seatEmailOwed])).toEqual([['ana@example.org', false], ['cai@example.org', true]]);
    const back = await circle(['signups', 'move', 'supplier-engagement', 'zed@example.org', '--to', 'making-a-cas'], { cwd: dir });
    expect(back.code).toBe(2);
    expect(back.stderr).toContain('error: no circle "making-a-cas"\n  hint: did you mean "making-a-case"?');
    const cancelledFile = join(dir, 'circles', 'health-outcomes.yaml');
    writeFileSync(cancelledFile, readFileSync(cancelledFile, 'utf8').replace('status: scheduled', 'status: cancelled'));
    const cancelled = await circle(['signups', 'move', 'supplier-engagement', 'zed@example.org', '--to', 'health-outcomes'], { cwd: dir });
    expect(cancelled.code).toBe(1);
    expect(cancelled.stderr).toContain('circle health-outcomes is cancelled: its roster is left as it is');
    expect(who(await signupsIn(dir, 'supplier-engagement'))).toEqual(['zed', 'ben#1', 'yan#2']);
  });

  it('remove erases the person, keeps an anonymous note, and an old export does not bring them back', async () => {
    const dir = await twoSeats();
    const result = await circle(['signups', 'remove', 'making-a-case', 'ana@example.org'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('erased 1 signup of ana@example.org from making-a-case; an anonymous note stays');
    expect(result.stderr).toContain('delete them there too');
    const text = rosterText(dir, 'making-a-case');
    expect(text).not.toMatch(/ana|Ana/);
    expect(text).toMatch(/removed:\n  - \{ removed: .*, status: confirmed, fingerprint: [0-9a-f]{64} \}/);
    const again = JSON.parse((await circle(['signups', 'import', 'making-a-case', 'a.csv', '--json'], { cwd: dir })).stdout);
    expect(again.circles[0]).toMatchObject({ erased: [2], alreadyImported: [3, 4, 5], seated: [], waitlisted: [] });
    expect(rosterText(dir, 'making-a-case')).not.toContain('ana@');
  });

  it('a raised capacity is given out by promote (and by the next import); a lowered one unseats nobody', async () => {
    const dir = await twoSeats();
    setCapacity(dir, 'making-a-case', 3);
    const list = await circle(['signups', 'list', 'making-a-case'], { cwd: dir });
    expect(list.stderr).toContain('1 free seat(s) and people waiting: run `circle signups promote making-a-case`');
    expect((await circle(['signups', 'promote', 'making-a-case'], { cwd: dir })).stdout).toContain('Cai Example <cai@example.org> moves up from the waitlist');
    setCapacity(dir, 'making-a-case', 4);
    const imported = JSON.parse((await circle(['signups', 'import', 'making-a-case', 'a.csv', '--json'], { cwd: dir })).stdout);
    expect(imported.circles[0].promoted).toEqual([{ from: 'a.csv row 5' }]);
    setCapacity(dir, 'making-a-case', 1);
    expect(await signupsIn(dir, 'making-a-case', 'confirmed')).toHaveLength(4);
    const validate = await circle(['validate'], { cwd: dir });
    expect(validate.code).toBe(0);
    expect(validate.stdout).toMatch(/rosters\/making-a-case\.yaml:\d+:\d+: warning: 4 people are seated but the circle has 1 seat: nobody is unseated/);
    expect((await circle(['list', '--json'], { cwd: dir })).stdout).toContain('"confirmed": 4');
  });
});

/** What `invites send` journals after inviting someone (README, mail journal). */
function journalInvitation(dir: string, id: string, email: string, signedUp: string): void {
  mkdirSync(join(dir, 'journals'), { recursive: true });
  const signup = `${email} ${signedUp}`;
  const line = { key: `invitation:${signup}`, kind: 'invitation', to: email, at: '2019-11-01T10:00:00.000Z', state: 'sent', attempt: 1, response: '250 OK', detail: { signup, language: 'en', sequence: 0 } };
  writeFileSync(join(dir, 'journals', `${id}.jsonl`), `${JSON.stringify(line)}\n`, { flag: 'a' });
}
const nextLines = (stderr: string) => stderr.split('\n').filter((line) => line.startsWith('next: '));

describe('the next step after a roster change', () => {
  it('an import names the invitations and the waitlist notices it leaves owed', async () => {
    const dir = exampleWorkspace();
    setCapacity(dir, 'making-a-case', 2);
    const result = await circle(['signups', 'import', 'making-a-case', formExport(dir, 'a.csv', [['ana', 1], ['ben', 2], ['cai', 3], ['dee', 4]]), '--json'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).circles[0]).toMatchObject({ confirmed: 2, waitlist: 2 });
    expect(nextLines(result.stderr)).toEqual([
      'next: circle waitlist notify making-a-case  (2 waitlisted, not yet told their place)',
      'next: circle invites send making-a-case  (2 seated, not yet invited)',
    ]);
    expect(nextLines((await circle(['signups', 'import', 'making-a-case', 'a.csv'], { cwd: dir })).stderr)).toEqual([]);
  });

  it('a cancel names the seat email it leaves owed, and the calendar cancellation when the person had an invitation', async () => {
    const dir = await twoSeats();
    const plain = await circle(['signups', 'cancel', 'making-a-case', 'ben@example.org'], { cwd: dir });
    expect(nextLines(plain.stderr)).toEqual(['next: circle waitlist notify making-a-case  (1 owed a "you have a seat" email)']);
    journalInvitation(dir, 'making-a-case', 'ana@example.org', '2019-10-28T09:01:00.000Z');
    const invited = await circle(['signups', 'cancel', 'making-a-case', 'ana@example.org'], { cwd: dir });
    expect(invited.code).toBe(0);
    expect(nextLines(invited.stderr)).toEqual([
      'next: circle waitlist notify making-a-case  (1 owed a "you have a seat" email)',
      'next: circle invites send making-a-case  (1 invited before leaving, owed the calendar cancellation)',
    ]);
    expect(invited.stdout).not.toContain('next:');
  });

  it('a move names one command for both circles; remove and a walk-in name theirs; a dry run names none', async () => {
    const dir = await twoSeats();
    journalInvitation(dir, 'making-a-case', 'ben@example.org', '2019-10-28T09:02:00.000Z');
    const move = await circle(['signups', 'move', 'making-a-case', 'ben@example.org', '--to', 'supplier-engagement'], { cwd: dir });
    expect(nextLines(move.stderr)).toEqual([
      'next: circle waitlist notify making-a-case  (1 owed a "you have a seat" email)',
      'next: circle invites send making-a-case supplier-engagement  (1 seated, not yet invited; 1 invited before leaving, owed the calendar cancellation)',
    ]);
    journalInvitation(dir, 'making-a-case', 'ana@example.org', '2019-10-28T09:01:00.000Z');
    const dry = await circle(['signups', 'remove', 'making-a-case', 'ana@example.org', '--dry-run'], { cwd: dir });
    expect(nextLines(dry.stderr)).toEqual([]);
    const remove = await circle(['-C', dir, 'signups', 'remove', 'making-a-case', 'ana@example.org'], { cwd: ROOT });
    expect(nextLines(remove.stderr)).toEqual([
      `next: circle -C ${dir} waitlist notify making-a-case  (1 owed a "you have a seat" email)`,
      `next: circle -C ${dir} invites send making-a-case  (1 invited before leaving, owed the calendar cancellation)`,
    ]);
    const walkIn = await circle(['signups', 'add', 'making-a-case', '--name', 'Eve Example', '--email', 'eve@example.org'], { cwd: dir });
    expect(nextLines(walkIn.stderr)).toEqual(['next: circle waitlist notify making-a-case  (1 waitlisted, not yet told their place)']);
    setCapacity(dir, 'making-a-case', 3);
    const promote = await circle(['signups', 'promote', 'making-a-case'], { cwd: dir });
    expect(nextLines(promote.stderr)).toEqual(['next: circle waitlist notify making-a-case  (1 owed a "you have a seat" email)']);
  });
});

describe('circle signups export', () => {
  it('neutralises cells a spreadsheet would run, also after leading spaces', async () => {
    const dir = exampleWorkspace();
    await circle(['signups', 'import', 'making-a-case', addFixture(dir, 'google-forms-en.csv')], { cwd: dir });
    const result = await circle(['signups', 'export', 'making-a-case'], { cwd: dir });
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('status,position,name,email,language,organisation,country,signed_up (GMT),status_changed (GMT),source,seat_email_owed,note');
    const mallory = lines.find((l) => l.includes('mallory'));
    expect(mallory).toContain(`"'=HYPERLINK(""http://evil.example.org"",""click"")"`);
    expect(mallory).toContain(`,'+cmd|' /C calc'!A0,`);
    expect(mallory).toContain(`'@SUM(1)`);
    expect(result.stdout).not.toMatch(/(^|,)\s*[=+@-]/m);
  });

  it('--excel writes a BOM and CRLF; --status and --out pick and place the rows', async () => {
    const dir = await twoSeats();
    const result = await circle(['signups', 'export', 'making-a-case', '--status', 'waitlisted', '--excel', '--delimiter', ';', '--out', 'waiting.csv'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('wrote 2 signups to waiting.csv');
    const bytes = readFileSync(join(dir, 'waiting.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.split('\r\n').slice(1, 3).map((l) => l.split(';').slice(0, 4))).toEqual([
      ['waitlisted', '1', 'Cai Example', 'cai@example.org'],
      ['waitlisted', '2', 'Dee Example', 'dee@example.org'],
    ]);
  });
});

describe('circle validate and circle list with rosters', () => {
  it('reports hand edits: unknown status and a person twice, at file:line:col', async () => {
    const dir = await twoSeats();
    const path = join(dir, 'rosters', 'making-a-case.yaml');
    writeFileSync(path, readFileSync(path, 'utf8').replace('status: waitlisted', 'status: maybe'));
    const bad = await circle(['validate', 'rosters/making-a-case.yaml'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^rosters\/making-a-case\.yaml:\d+:13: error: "signups\[2\]\.status" must be one of "confirmed", "offered", "waitlisted", "cancelled", not "maybe"/m);
    writeFileSync(path, readFileSync(path, 'utf8').replace('status: maybe', 'status: waitlisted').replace('cai@example.org', 'Ana@Example.org'));
    const twice = await circle(['validate', '--json'], { cwd: dir });
    expect(twice.code).toBe(1);
    expect(JSON.parse(twice.stdout).problems.filter((p: { message: string }) => !isExampleWarning(p))).toEqual([expect.objectContaining({ file: 'rosters/making-a-case.yaml', severity: 'error', message: 'Ana@Example.org is on the roster twice (also signups[0])' })]);
  });

  it('a roster given alone is checked against its circle, and only it is reported', async () => {
    const dir = await twoSeats();
    const other = join(dir, 'circles', 'health-outcomes.yaml');
    writeFileSync(other, readFileSync(other, 'utf8').replace(/capacity: \d+/, 'capacity: lots'));
    const circleFile = join(dir, 'circles', 'making-a-case.yaml');
    writeFileSync(circleFile, readFileSync(circleFile, 'utf8').replace(/capacity: \d+/, 'capacity: 1'));
    const alone = JSON.parse((await circle(['validate', 'rosters/making-a-case.yaml', '--json'], { cwd: dir })).stdout);
    expect(alone).toMatchObject({ files: 1, errors: 0, warnings: 1 });
    expect(alone.problems).toEqual([expect.objectContaining({ file: 'rosters/making-a-case.yaml', severity: 'warning', message: '2 people are seated but the circle has 1 seat: nobody is unseated' })]);
    const all = JSON.parse((await circle(['validate', '--json'], { cwd: dir })).stdout);
    expect(all.problems.map((p: { file: string }) => p.file)).toEqual(expect.arrayContaining(['circles/health-outcomes.yaml', 'rosters/making-a-case.yaml']));
  });

  it('circle list shows seats taken and the waitlist length', async () => {
    const dir = await twoSeats();
    const rows = JSON.parse((await circle(['list', '--json'], { cwd: dir })).stdout);
    expect(rows.map((r: { id: string; confirmed: number; waitlisted: number }) => [r.id, r.confirmed, r.waitlisted])).toEqual([
      ['making-a-case', 2, 2], ['supplier-engagement', 0, 0], ['health-outcomes', 0, 0], ['ocds-field-mapping', 0, 0],
    ]);
  });
});

describe('circle signups help', () => {
  it.each(['import', 'list', 'add', 'cancel', 'move', 'remove', 'promote', 'export'])('circle signups %s --help ends with examples', async (name) => {
    const result = await circle(['signups', name, '--help'], { cwd: exampleWorkspace() });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`Examples:\\n  \\$ circle signups ${name}`));
  });
});

describe('writing output where it cannot go', () => {
  it('says why with exit 2 instead of failing with an internal error', async () => {
    const dir = exampleWorkspace();
    const missing = await circle(['signups', 'export', 'health-outcomes', '--out', 'no/such/folder/x.csv'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot write no/such/folder/x.csv: no such folder');
    const folder = await circle(['announce', '--out', 'circles'], { cwd: dir });
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('cannot write circles: it is a folder');
  });
});
