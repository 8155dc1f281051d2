import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { circle } from '../helpers/in-process.js';
import { byTo, mail, server, to, workspace } from '../helpers/mail.js';
import { recordBounce } from '../../src/mail/bounces.js';
import type { JournalRecord } from '../../src/mail/journal.js';

/* Bounces recorded in the journal (as `circle inbox` records them): mail to the address is held back and named. */

const journal = (dir: string): JournalRecord[] =>
  readFileSync(join(dir, 'journals', 'health-outcomes.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as JournalRecord);

const sentTo = (dir: string, address: string) => journal(dir).find((r) => r.to === address && r.state === 'sent') as JournalRecord;

describe('mail to an address that bounced', () => {
  it('journals the Message-ID each message went with, on its sending and sent records', async () => {
    const dir = await workspace();
    const smtp = await server();
    expect((await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes'])).code).toBe(0);
    const farah = journal(dir).filter((r) => r.to === 'farah@example.org');
    expect(farah.map((r) => r.state)).toEqual(['sending', 'sent']);
    expect(farah[0]?.messageId).toMatch(/^<[0-9a-f-]{36}@example\.org>$/);
    expect(farah[1]?.messageId).toBe(farah[0]?.messageId);
    expect(byTo(smtp.received, 'farah@example.org')?.mail.messageId).toBe(farah[0]?.messageId);
    expect(new Set(journal(dir).map((r) => r.messageId)).size).toBe(4);
  });

  it('holds back every message to that address, names the person and the way out, and sends with --retry-bounced', async () => {
    const dir = await workspace();
    const smtp = await server();
    expect((await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes'])).code).toBe(0);
    const waitlisted = sentTo(dir, 'farah@example.org');
    const bounce = await recordBounce(dir, 'health-outcomes', { key: waitlisted.key, status: '5.1.1', diagnostic: 'smtp; 550 5.1.1 no such mailbox' });
    expect(bounce).toMatchObject({ key: waitlisted.key, state: 'bounced', kind: 'waitlisted', to: 'farah@example.org', response: '5.1.1 smtp; 550 5.1.1 no such mailbox', messageId: waitlisted.messageId });
    // Emma and Farah are promoted: their seat emails are owed, but Farah's address bounced.
    expect((await circle(['signups', 'cancel', 'health-outcomes', 'ben@example.org'], { cwd: dir })).code).toBe(0);
    expect((await circle(['signups', 'cancel', 'health-outcomes', 'ana@example.org'], { cwd: dir })).code).toBe(0);
    expect((await circle(['signups', 'cancel', 'health-outcomes', 'diego@example.org'], { cwd: dir })).code).toBe(0);
    smtp.received.length = 0;

    const held = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes', '--json']);
    expect(held.code).toBe(1);
    expect(to(smtp.received)).toEqual(['emma@example.org']);
    expect(held.stderr).toContain('health-outcomes: to send: 1 seat; 3 already sent; 1 to bounced addresses held back (--retry-bounced)');
    expect(held.stderr).toContain(
      '  bounced: seat to Farah "FJ" Khan <farah@example.org> in health-outcomes (the waitlisted message to it bounced: 5.1.1 smtp; 550 5.1.1 no such mailbox); ' +
        'correct the address with `circle signups edit` (the next run mails the new one), or if it is right, send again: circle waitlist notify health-outcomes --retry-bounced',
    );
    expect(held.stderr).toContain('sent 1, failed 0, unconfirmed 0, deferred 0, not tried 0, held back for bounced addresses 1');
    const [results] = JSON.parse(held.stdout) as Array<{ bounced: unknown }>;
    expect(results?.bounced).toEqual([{ kind: 'seat', to: 'farah@example.org', name: 'Farah "FJ" Khan', bouncedKind: 'waitlisted', response: '5.1.1 smtp; 550 5.1.1 no such mailbox' }]);

    const list = await circle(['signups', 'list', 'health-outcomes'], { cwd: dir });
    expect(list.stdout + list.stderr).toContain('farah@example.org');
    expect(list.stdout + list.stderr).toContain('--retry-bounced');

    smtp.received.length = 0;
    const retried = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes', '--retry-bounced']);
    expect(retried.code).toBe(0);
    expect(to(smtp.received)).toEqual(['farah@example.org']);
    // The seat went after the bounce: the address no longer counts as bounced.
    const again = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);
    expect(again.code).toBe(0);
    expect(again.stderr).not.toContain('bounced');
  });

  it('mails the corrected address once the organiser fixes it with signups edit, the bounced message included', async () => {
    const dir = await workspace();
    const smtp = await server();
    expect((await mail(dir, smtp, ['invites', 'send', 'health-outcomes'])).code).toBe(0);
    const invitation = sentTo(dir, 'ben@example.org');
    await recordBounce(dir, 'health-outcomes', { key: invitation.key, status: '5.1.1' });
    smtp.received.length = 0;

    const held = await mail(dir, smtp, ['invites', 'send', 'health-outcomes', '--json']);
    expect(held.code).toBe(1);
    expect(JSON.parse(held.stdout)).toEqual([
      { circle: 'health-outcomes', results: [], notTried: [], stopped: null, bounced: [{ kind: 'invitation', to: 'ben@example.org', name: 'Ben Okafor', bouncedKind: 'invitation', response: '5.1.1' }] },
    ]);
    expect(held.stderr).toContain('  bounced: invitation to Ben Okafor <ben@example.org> in health-outcomes (the invitation message to it bounced: 5.1.1)');
    expect(smtp.received).toEqual([]);

    expect((await circle(['signups', 'edit', 'health-outcomes', 'ben@example.org', '--email', 'ben.okafor@example.org'], { cwd: dir })).code).toBe(0);
    const fixed = await mail(dir, smtp, ['invites', 'send', 'health-outcomes']);
    expect(fixed.code).toBe(0);
    expect(to(smtp.received)).toEqual(['ben.okafor@example.org']);
    // The bounce stays with the address that bounced.
    expect(journal(dir).filter((r) => r.state === 'bounced').map((r) => r.to)).toEqual(['ben@example.org']);
  });

  it('keeps the --json results as they were when nothing bounced', async () => {
    const dir = await workspace();
    const smtp = await server();
    const run = await mail(dir, smtp, ['invites', 'send', 'health-outcomes', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([expect.not.objectContaining({ bounced: expect.anything() })]);
  });
});
