import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { circle } from '../helpers/in-process.js';
import { byTo, calendarOf, mail, server, workspace } from '../helpers/mail.js';

/** Every file of the workspace (rosters/, journals/, circles/, previews, lock files) that holds `text`, any case. */
function filesHolding(dir: string, text: string): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (readFileSync(path, 'utf8').toLowerCase().includes(text.toLowerCase())) found.push(relative(dir, path));
    }
  };
  walk(dir);
  return found.sort();
}

/** health-outcomes with 3 seats: Ana seated and invited, the waitlist told; Ana also walked into making-a-case; a preview folder written. */
async function invitedAna() {
  const dir = await workspace();
  const smtp = await server();
  expect((await circle(['signups', 'add', 'making-a-case', '--name', 'Ana Pérez', '--email', 'ana@example.org'], { cwd: dir })).code).toBe(0);
  expect((await mail(dir, smtp, ['invites', 'send', 'health-outcomes', '--preview', 'outbox'])).code).toBe(0);
  expect((await mail(dir, smtp, ['invites', 'send', 'health-outcomes'])).code).toBe(0);
  expect((await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes'])).code).toBe(0);
  expect(byTo(smtp.received, 'ana@example.org')).toBeDefined();
  // The parse cache holds copies of what the commands read: an erasure empties it.
  expect(filesHolding(dir, 'ana@example.org')).toEqual([
    '.circle-cache/journals/health-outcomes.jsonl.json',
    '.circle-cache/rosters/health-outcomes.yaml.json',
    'journals/health-outcomes.jsonl',
    'outbox/001-health-outcomes-invitation.eml',
    'rosters/health-outcomes.yaml',
    'rosters/making-a-case.yaml',
  ]);
  return { dir, smtp };
}

describe('circle signups remove: erasure on request', () => {
  it('erases the person from every roster and journal; the calendar cancellation goes first, then nothing of them is left', async () => {
    const { dir, smtp } = await invitedAna();
    const erase = await circle(['signups', 'remove', '--all', 'ANA@example.org'], { cwd: dir });
    expect(erase.code).toBe(0);
    expect(erase.stdout).toContain('erased 1 signup of ANA@example.org from health-outcomes; an anonymous note stays');
    expect(erase.stdout).toContain('erased 1 signup of ANA@example.org from making-a-case; an anonymous note stays');
    expect(erase.stdout).toContain(
      'kept ANA@example.org in journals/health-outcomes.jsonl until the calendar cancellation goes (their invitation is still in their calendar): run `circle invites send health-outcomes`, then `circle signups remove health-outcomes ANA@example.org` again to erase the rest',
    );
    expect(erase.stderr).toContain('ANA@example.org is still in outbox/001-health-outcomes-invitation.eml: delete them there too');
    expect(filesHolding(dir, 'ana@example.org')).toEqual(['journals/health-outcomes.jsonl', 'outbox/001-health-outcomes-invitation.eml']);

    smtp.received.length = 0;
    expect((await mail(dir, smtp, ['invites', 'send', 'health-outcomes'])).code).toBe(0);
    const cancellation = byTo(smtp.received, 'ana@example.org');
    expect(cancellation?.mail.subject).toMatch(/^Plaza cancelada: /);
    expect(calendarOf(cancellation!).method).toMatchObject({ params: { method: 'CANCEL' } });

    const rest = await circle(['signups', 'remove', 'health-outcomes', 'ana@example.org'], { cwd: dir });
    expect(rest.code).toBe(0);
    expect(rest.stdout).toContain('erased 4 mail journal records of ana@example.org in health-outcomes; anonymous counts stay');
    expect(rest.stdout).not.toContain('kept');
    rmSync(join(dir, 'outbox'), { recursive: true });
    expect(filesHolding(dir, 'ana@example.org')).toEqual([]);
    expect(filesHolding(dir, 'Ana Pérez')).toEqual([]);
    expect(statSync(join(dir, 'journals', 'health-outcomes.jsonl')).mode & 0o777).toBe(0o600);

    // Nothing goes out again, to anyone: the anonymous records still count what was sent.
    smtp.received.length = 0;
    const again = await mail(dir, smtp, ['invites', 'send', 'health-outcomes']);
    expect([again.code, smtp.received.length]).toEqual([0, 0]);
    expect(again.stderr).toMatch(/nothing to send; \d+ already sent/);
    const after = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);
    expect([after.code, smtp.received.length]).toEqual([0, 0]);
  });

  it('from one circle: says exactly where else the person remains', async () => {
    const { dir } = await invitedAna();
    rmSync(join(dir, 'outbox'), { recursive: true });
    const erase = await circle(['signups', 'remove', 'making-a-case', 'ana@example.org'], { cwd: dir });
    expect(erase.code).toBe(0);
    expect(erase.stderr).toContain(
      'ana@example.org is still in journals/health-outcomes.jsonl, rosters/health-outcomes.yaml: erase them from every circle with `circle signups remove --all ana@example.org`; for the other files and the form itself, delete them there too',
    );
    const nowhere = await circle(['signups', 'remove', '--all', 'nobody@example.org'], { cwd: dir });
    expect([nowhere.code, nowhere.stderr]).toEqual([1, expect.stringContaining('nobody@example.org is on no roster and in no mail journal of this workspace')]);
    const both = await circle(['signups', 'remove', '--all', 'making-a-case', 'ana@example.org'], { cwd: dir });
    expect([both.code, both.stderr]).toEqual([2, expect.stringContaining('--all takes only the email')]);
  });
});
