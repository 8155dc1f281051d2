import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { circle } from '../helpers/in-process.js';
import { mail, server, to, workspace } from '../helpers/mail.js';
import { signupsIn } from '../helpers/signups.js';

const journal = (dir: string) => readFileSync(join(dir, 'journals', 'health-outcomes.jsonl'), 'utf8');

describe('circle signups edit: the mail journal follows the person', () => {
  it('a corrected address is not sent what the old one got, and gets what comes later', async () => {
    const dir = await workspace();
    const smtp = await server();
    expect((await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes'])).code).toBe(0);
    expect(to(smtp.received)).toEqual(['diego@example.org', 'emma@example.org', 'farah@example.org', 'gus@example.org']);

    const edit = await circle(['signups', 'edit', 'health-outcomes', 'GUS@example.org', '--email', 'gus.lee@example.org', '--name', 'Gus Lee-Park'], { cwd: dir });
    expect(edit.code).toBe(0);
    expect(edit.stdout).toContain('corrected Gus Lee <gus@example.org> to Gus Lee-Park <gus.lee@example.org> in health-outcomes');
    expect(edit.stdout).toContain('the mail journal of health-outcomes follows: 2 records now name gus.lee@example.org');
    expect(edit.stderr).toContain("correct the address in the form's responses too: importing an export that still has gus@example.org would add it again as a new signup");
    expect(journal(dir)).not.toContain('gus@example.org');
    expect(statSync(join(dir, 'journals', 'health-outcomes.jsonl')).mode & 0o777).toBe(0o600);
    expect((await signupsIn(dir, 'health-outcomes', 'waitlisted')).map((r) => `${r.email}#${r.position}`)).toEqual([
      'diego@example.org#1', 'emma@example.org#2', 'farah@example.org#3', 'gus.lee@example.org#4',
    ]);

    const again = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('nothing to send; 4 already sent');
    expect(smtp.received).toHaveLength(4);

    // Seats for everyone: a new kind of message, which goes to the corrected address only.
    const circleFile = join(dir, 'circles', 'health-outcomes.yaml');
    writeFileSync(circleFile, readFileSync(circleFile, 'utf8').replace('capacity: 3', 'capacity: 7'));
    expect((await circle(['signups', 'promote', 'health-outcomes'], { cwd: dir })).code).toBe(0);
    smtp.received.length = 0;
    expect((await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes'])).code).toBe(0);
    expect(to(smtp.received)).toEqual(['diego@example.org', 'emma@example.org', 'farah@example.org', 'gus.lee@example.org']);
    expect(smtp.received.find((r) => r.to[0] === 'gus.lee@example.org')?.mail.text).toContain('Gus Lee-Park');
  });

  it('refuses an address already on the roster, and a correction of nothing, changing nothing', async () => {
    const dir = await workspace();
    const before = readFileSync(join(dir, 'rosters', 'health-outcomes.yaml'), 'utf8');
    const taken = await circle(['signups', 'edit', 'health-outcomes', 'gus@example.org', '--email', 'Ana@example.org'], { cwd: dir });
    expect([taken.code, taken.stderr]).toEqual([1, expect.stringContaining('ana@example.org is already on the roster of health-outcomes')]);
    const nothing = await circle(['signups', 'edit', 'health-outcomes', 'gus@example.org'], { cwd: dir });
    expect([nothing.code, nothing.stderr]).toEqual([2, expect.stringContaining('nothing to correct\n  hint: give --email, --name or --lang')]);
    const bad = await circle(['signups', 'edit', 'health-outcomes', 'gus@example.org', '--email', 'gus at example.org'], { cwd: dir });
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('--email "gus at example.org" is not an address mail can go to')]);
    expect(readFileSync(join(dir, 'rosters', 'health-outcomes.yaml'), 'utf8')).toBe(before);
  });

  it('names the other circles that still hold the old address', async () => {
    const dir = await workspace();
    await circle(['signups', 'add', 'making-a-case', '--name', 'Gus Lee', '--email', 'gus@example.org'], { cwd: dir });
    const edit = await circle(['signups', 'edit', 'health-outcomes', 'gus@example.org', '--email', 'gus.lee@example.org'], { cwd: dir });
    expect(edit.code).toBe(0);
    expect(edit.stderr).toContain('gus@example.org is also on the roster of making-a-case: correct it there too, e.g. circle signups edit making-a-case gus@example.org --email gus.lee@example.org');
  });
});
