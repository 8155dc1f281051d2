import { describe, expect, it } from 'vitest';
import { DONE } from '../../src/inbox/imap.js';
import { circle } from '../helpers/in-process.js';
import { imapSkipReason, sharedDovecot } from '../helpers/imap.js';
import { ENV, allCases, fixture, inboxWorkspace } from '../inbox/workspace.js';
import { handledIds, rosterState, snapshot } from '../inbox/workspace-state.js';

const imap = sharedDovecot('Circles');

async function filled(messages = allCases()) {
  const dir = await inboxWorkspace();
  for (const raw of messages) await imap.dovecot.append(raw, imap.mailbox);
  return dir;
}
const inbox = (dir: string, args: string[] = []) => circle(['inbox', ...args], { cwd: dir, env: { ...ENV, CIRCLE_IMAP_URL: imap.dovecot.url({ mailbox: imap.mailbox }) } });
const done = (flags: Array<{ flags: string[] }>) => flags.map((message) => message.flags.includes(DONE));

describe.skipIf(imapSkipReason !== undefined)(imapSkipReason ?? 'circle inbox on a real Dovecot', () => {
  it('acts on the mailbox, marks every message $CircleDone, and the second run reads nothing new', async () => {
    const dir = await filled();
    const first = await inbox(dir);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`127.0.0.1:${imap.dovecot.port}/${imap.mailbox}: 12 new messages\n`);
    expect(first.stdout).toContain('Bo Example <bo@example.org> declined making-a-case: seat cancelled; Fay Example <fay@example.org> promoted to a seat\n');
    expect(await rosterState(dir)).toContain('hal:cancelled (left by the link in a mail)');
    expect(done(await imap.dovecot.flags(imap.mailbox))).toEqual(Array(12).fill(true));
    expect(handledIds(dir)).toHaveLength(12);
    const after = snapshot(dir);
    const second = await inbox(dir);
    expect([second.code, second.stdout, second.stderr]).toEqual([0, `127.0.0.1:${imap.dovecot.port}/${imap.mailbox}: 0 new messages\n`, '']);
    expect(snapshot(dir)).toEqual(after);
  });

  it('a message that arrives later is read alone by the next run', async () => {
    const dir = await filled([fixture('outlook-declined.eml')]);
    expect((await inbox(dir)).code).toBe(0);
    await imap.dovecot.append(fixture('thunderbird-declined.eml'), imap.mailbox);
    const next = await inbox(dir);
    expect(next.stdout).toBe(`127.0.0.1:${imap.dovecot.port}/${imap.mailbox}: 1 new message\nDi Example <di@example.org> declined making-a-case: seat cancelled; Gus Example <gus@example.org> promoted to a seat\n`);
    expect(done(await imap.dovecot.flags(imap.mailbox))).toEqual([true, true]);
  });

  it('--dry-run sets no keyword and writes nothing', async () => {
    const dir = await filled();
    const before = snapshot(dir);
    const result = await inbox(dir, ['--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Di Example <di@example.org> declined making-a-case: seat cancelled');
    expect(done(await imap.dovecot.flags(imap.mailbox))).toEqual(Array(12).fill(false));
    expect(snapshot(dir)).toEqual(before);
  });

  it('--move-to moves the handled messages to the folder, with the keyword; those for a person stay, with the keyword', async () => {
    const dir = await filled();
    await imap.dovecot.create(`${imap.mailbox}-done`);
    const result = await inbox(dir, ['--move-to', `${imap.mailbox}-done`]);
    expect(result.code).toBe(0);
    // Left for a person: the forged From, the DKIM failure, the token that fits no signup, the question (UIDs 5, 6, 8, 12).
    expect(await imap.dovecot.flags(imap.mailbox)).toEqual([5, 6, 8, 12].map((uid) => ({ uid, flags: [DONE] })));
    expect(done(await imap.dovecot.flags(`${imap.mailbox}-done`))).toEqual(Array(8).fill(true));
    expect((await inbox(dir)).stdout).toBe(`127.0.0.1:${imap.dovecot.port}/${imap.mailbox}: 0 new messages\n`);
    expect(await rosterState(dir)).toContain('di:cancelled (declined the calendar invitation)');
  });

  it('a wrong password is an error (exit 1) that changes nothing and never shows the password', async () => {
    const dir = await filled([fixture('outlook-declined.eml')]);
    const before = snapshot(dir);
    const result = await circle(['inbox'], { cwd: dir, env: { ...ENV, CIRCLE_IMAP_URL: imap.dovecot.url({ mailbox: imap.mailbox, pass: 'not-the-password' }) } });
    expect(result.code).toBe(1);
    expect(result.stderr).not.toContain('not-the-password');
    expect(snapshot(dir)).toEqual(before);
    expect(done(await imap.dovecot.flags(imap.mailbox))).toEqual([false]);
  });
});
