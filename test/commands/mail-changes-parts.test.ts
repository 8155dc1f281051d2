import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { byTo, mail, server, to, workspace } from '../helpers/mail.js';
import type { Received } from '../helpers/smtp.js';

/*
 * Each part of a change on its own (issue 11): a new platform reaches the invited and the waitlist;
 * a new meeting link only the invited, the only ones ever told the link (the waitlist gets it with a seat).
 */

const edit = (dir: string, change: (text: string) => string) => {
  const file = join(dir, 'circles', 'health-outcomes.yaml');
  writeFileSync(file, change(readFileSync(file, 'utf8')));
};
const INVITED = ['ana@example.org', 'ben@example.org', 'chloe@example.org'];
const WAITING = ['diego@example.org', 'emma@example.org', 'farah@example.org', 'gus@example.org'];

async function toldEveryone() {
  const dir = await workspace();
  const smtp = await server();
  expect((await mail(dir, smtp, ['invites', 'send', 'health-outcomes'])).code).toBe(0);
  expect((await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes'])).code).toBe(0);
  smtp.received.length = 0;
  return { dir, smtp };
}

describe('a change of one detail', () => {
  it('a new platform: the invited and the waitlist are told, each with the old and the new', async () => {
    const { dir, smtp } = await toldEveryone();
    edit(dir, (text) => text.replace('recorded: true', 'recorded: true\nplatform: Jitsi'));
    const notify = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);
    expect([notify.code, notify.stderr]).toEqual([0, expect.stringContaining('to send: 4 waitlisted-update')]);
    const sent = await mail(dir, smtp, ['invites', 'send', 'health-outcomes']);
    expect([sent.code, sent.stderr]).toEqual([0, expect.stringContaining('to send: 3 update;')]);
    expect(to(smtp.received)).toEqual([...INVITED, ...WAITING]);
    const emma = (byTo(smtp.received, 'emma@example.org') as Received).mail.text;
    // The time did not change: the mail does not say it did.
    expect(emma).toContain('What changed:\nWhere: now online, on Jitsi (was online)\n\nThis is how it stands now:');
    expect(emma).toContain('You are number 2 on the waitlist.');
    const ben = (byTo(smtp.received, 'ben@example.org') as Received).mail.text;
    expect(ben).toContain('What changed:\nWhere: now online, on Jitsi (was online)\n\nThis is how it stands now:');
  });

  it('a new meeting link: the invited get the update with old and new link; the waitlist, never told the link, nothing', async () => {
    const { dir, smtp } = await toldEveryone();
    edit(dir, (text) => text.replace('https://meet.example.org/lift-3', 'https://meet.example.org/lift-3-new'));
    const sent = await mail(dir, smtp, ['invites', 'send', 'health-outcomes']);
    expect([sent.code, sent.stderr]).toEqual([0, expect.stringContaining('to send: 3 update;')]);
    expect(to(smtp.received)).toEqual(INVITED);
    expect((byTo(smtp.received, 'ben@example.org') as Received).mail.text).toContain(
      'What changed:\nJoin the session: now https://meet.example.org/lift-3-new (was https://meet.example.org/lift-3)\n\nThis is how it stands now:',
    );
    smtp.received.length = 0;
    expect((await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes'])).stderr).toContain('health-outcomes: nothing to send');
    expect(smtp.received).toEqual([]);
  });

  it('a cancellation taken back: the waitlist told of the cancellation hears the circle is on, with the same details, once', async () => {
    const { dir, smtp } = await toldEveryone();
    edit(dir, (text) => text.replace('status: scheduled', 'status: cancelled'));
    expect((await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes'])).stderr).toContain('to send: 4 waitlisted-cancelled');
    edit(dir, (text) => text.replace('status: cancelled', 'status: scheduled'));
    smtp.received.length = 0;
    const back = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);
    expect([back.code, back.stderr]).toEqual([0, expect.stringContaining('to send: 4 waitlisted-update;')]);
    expect(to(smtp.received)).toEqual(WAITING);
    expect((byTo(smtp.received, 'emma@example.org') as Received).mail.text).toContain('When: Wednesday, 4 December 2019, 12:00–13:15 GMT\nWhere: online\n\nYou are number 2 on the waitlist.');
    smtp.received.length = 0;
    expect((await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes'])).stderr).toContain('health-outcomes: nothing to send');
  });
});
