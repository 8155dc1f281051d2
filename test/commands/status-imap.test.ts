import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DONE } from '../../src/inbox/imap.js';
import { circle } from '../helpers/in-process.js';
import { IMAP_PASS, imapSkipReason, message, sharedDovecot } from '../helpers/imap.js';
import { cleanWorkspace, server } from '../helpers/mail.js';

/* `circle status` with a mailbox (CIRCLE_IMAP_URL): the replies waiting there; and `circle run` exits 1 for a message left for a person. */

const imap = sharedDovecot('Status');

const NOW = new Date('2019-11-20T09:00:00Z');
const status = (dir: string, args: string[], url = imap.dovecot.url({ mailbox: imap.mailbox })) => circle(['status', 'health-outcomes', ...args], { cwd: dir, env: { CIRCLE_IMAP_URL: url }, now: NOW });

describe.skipIf(imapSkipReason !== undefined)(imapSkipReason ?? 'circle status and circle run with a mailbox on a real Dovecot', () => {
  it('counts the messages not yet handled, changing nothing; once a run has read them, none wait', async () => {
    const dir = await cleanWorkspace();
    await imap.dovecot.append(message('Is the session recorded?', 'q1'), imap.mailbox);
    await imap.dovecot.append(message('Can I bring a colleague?', 'q2', 'bo@example.org'), imap.mailbox);

    const waiting = await status(dir, ['--check']);
    expect(waiting.code).toBe(0);
    expect(waiting.stdout).toContain(`\nmailbox 127.0.0.1:${imap.dovecot.port}/${imap.mailbox}: 2 messages waiting; \`circle inbox\` (or the next \`circle run\`) reads them\nnothing needs a person\n`);
    expect((await imap.dovecot.flags(imap.mailbox)).map((m) => m.flags.includes(DONE))).toEqual([false, false]);
    expect(existsSync(join(dir, 'journals', 'inbox.json'))).toBe(false);
    const json = JSON.parse((await status(dir, ['--json'])).stdout) as { mailbox: unknown };
    expect(json.mailbox).toEqual({ source: `127.0.0.1:${imap.dovecot.port}/${imap.mailbox}`, waiting: 2, problem: null });

    // Two questions only a person can answer: the run reads them, and needs a person.
    const smtp = await server();
    const run = await circle(['run', '--yes'], { cwd: dir, env: { CIRCLE_IMAP_URL: imap.dovecot.url({ mailbox: imap.mailbox }), CIRCLE_SMTP_URL: smtp.url }, now: NOW });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/== inbox \(needs a person\)\n[\s\S]*2 messages for a person to read:\n[\s\S]*"Is the session recorded\?"/);
    expect(run.stderr).not.toContain('== needs a person');

    const after = await status(dir, ['--check']);
    expect(after.code).toBe(0);
    expect(after.stdout).toContain(`\nmailbox 127.0.0.1:${imap.dovecot.port}/${imap.mailbox}: nothing waiting\n`);
  });

  it('a mailbox that cannot be read needs a person, and the password is never shown', async () => {
    const dir = await cleanWorkspace();
    const refused = await status(dir, ['--check'], imap.dovecot.url({ mailbox: imap.mailbox, pass: 'not the password' }));
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(new RegExp(`\\nmailbox 127\\.0\\.0\\.1:${imap.dovecot.port}/${imap.mailbox}: problem: .+\\nneeds a person: 1 thing above\\n$`));
    expect(refused.stdout + refused.stderr).not.toContain('not the password');
    expect(refused.stdout + refused.stderr).not.toContain(IMAP_PASS);
  });
});

describe('circle status without a mailbox', () => {
  it('says nothing of one when CIRCLE_IMAP_URL is not set', async () => {
    const dir = await cleanWorkspace();
    const shown = await circle(['status', 'health-outcomes', '--json'], { cwd: dir, env: { CIRCLE_IMAP_URL: undefined }, now: NOW });
    expect((JSON.parse(shown.stdout) as { mailbox: unknown }).mailbox).toBeNull();
    expect((await circle(['status', 'health-outcomes'], { cwd: dir, env: { CIRCLE_IMAP_URL: undefined }, now: NOW })).stdout).not.toContain('mailbox');
  });
});
