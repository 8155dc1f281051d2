import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { Refused, unwrap } from '../../src/failure.js';
import { DONE, openImapSource } from '../../src/inbox/imap.js';
import { imapSettings } from '../../src/inbox/imap-settings.js';
import { imapStateFile } from '../../src/inbox/imap-state.js';
import type { MailboxSource, RawMessage } from '../../src/inbox/source.js';
import { imapSkipReason, message, sharedDovecot } from '../helpers/imap.js';

const imap = sharedDovecot('Circles');
let dir: string;
// A workspace of its own for every test.
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'circle-inbox-'));
});

const open = (options: { moveTo?: string } = {}) => openImapSource({ settings: unwrap(imapSettings({ CIRCLE_IMAP_URL: imap.dovecot.url({ mailbox: imap.mailbox }) })), dir, ...options });

async function readAll(source: MailboxSource): Promise<RawMessage[]> {
  const messages: RawMessage[] = [];
  for await (const raw of source.messages()) messages.push(raw);
  return messages;
}
const subjects = (messages: RawMessage[]) => messages.map((raw) => /^Subject: (.*)\r$/m.exec(raw.raw.toString('utf8'))?.[1]);

/** One run: read everything, then `handle` decides which of the messages were acted on (none by default). */
async function run(handle: (messages: RawMessage[]) => RawMessage[] | undefined = () => []) {
  const source = await open();
  try {
    const messages = await readAll(source);
    const acted = handle(messages);
    if (acted) await source.handled(acted.map((raw) => raw.key));
    return messages;
  } finally {
    await source.close();
  }
}

describe.skipIf(imapSkipReason !== undefined)(imapSkipReason ?? 'an IMAP mailbox on a real Dovecot', () => {
  it('hands out the messages oldest first, byte for byte, keyed by UIDVALIDITY and UID, and reading marks nothing (not even \\Seen)', async () => {
    const first = message('Declined: Python basics', 'decline-1');
    await imap.dovecot.append(first, imap.mailbox);
    await imap.dovecot.append(message('A question', 'question-1'), imap.mailbox);
    const source = await open();
    expect(source.label).toBe(`127.0.0.1:${imap.dovecot.port}/${imap.mailbox}`);
    const messages = await readAll(source);
    await source.close();
    expect(subjects(messages)).toEqual(['Declined: Python basics', 'A question']);
    expect(messages[0]?.raw.toString('utf8')).toBe(first);
    expect(messages.map((raw) => raw.key)).toEqual([expect.stringMatching(/^\d+:1$/), expect.stringMatching(/^\d+:2$/)]);
    expect(await imap.dovecot.flags(imap.mailbox)).toEqual([
      { uid: 1, flags: [] },
      { uid: 2, flags: [] },
    ]);
  });

  it('handled() sets $CircleDone on those messages only; the next run reads nothing again, then only what arrived since', async () => {
    await imap.dovecot.append(message('Declined: Python basics', 'decline-1'), imap.mailbox);
    await imap.dovecot.append(message('A question', 'question-1'), imap.mailbox);
    expect(subjects(await run((messages) => messages.slice(0, 1)))).toEqual(['Declined: Python basics', 'A question']);
    expect(await imap.dovecot.flags(imap.mailbox)).toEqual([
      { uid: 1, flags: [DONE] },
      { uid: 2, flags: [] },
    ]);
    expect(await run()).toEqual([]);
    await imap.dovecot.append(message('Out of office', 'ooo-1'), imap.mailbox);
    expect(subjects(await run())).toEqual(['Out of office']);
    // The mark: per account and mailbox, the organiser's alone.
    const state = JSON.parse(readFileSync(imapStateFile(dir), 'utf8'));
    expect(state.mailboxes[`circles@example.org@127.0.0.1:${imap.dovecot.port}/${imap.mailbox}`]).toEqual({ uidValidity: expect.stringMatching(/^\d+$/), lastUid: 3 });
    expect(statSync(imapStateFile(dir)).mode & 0o777).toBe(0o600);
  });

  it('a run that stops before handled() (killed, failed, --dry-run) leaves mailbox and mark as they were: the next run reads the same messages', async () => {
    await imap.dovecot.append(message('Declined: Python basics', 'decline-1'), imap.mailbox);
    expect(subjects(await run(() => undefined))).toEqual(['Declined: Python basics']);
    expect(subjects(await run(() => undefined))).toEqual(['Declined: Python basics']);
    expect(await imap.dovecot.flags(imap.mailbox)).toEqual([{ uid: 1, flags: [] }]);
    expect(() => statSync(imapStateFile(dir))).toThrow(/ENOENT/);
  });

  it('skips messages that already carry $CircleDone (acted on by an earlier run or from another workspace)', async () => {
    await imap.dovecot.append(message('Declined: Python basics', 'decline-1'), imap.mailbox, [DONE]);
    await imap.dovecot.append(message('A question', 'question-1'), imap.mailbox);
    expect(subjects(await run())).toEqual(['A question']);
  });

  it('a new UIDVALIDITY reads the mailbox again from the start, still skipping what carries $CircleDone', async () => {
    for (const [subject, id] of [['Declined: Python basics', 'decline-1'], ['A question', 'question-1'], ['Out of office', 'ooo-1']]) await imap.dovecot.append(message(subject!, id!), imap.mailbox);
    const before = await run((messages) => messages.slice(0, 1));
    expect(await run()).toEqual([]);
    imap.dovecot.setUidValidity(imap.mailbox, 4242);
    const after = await run();
    expect(subjects(after)).toEqual(['A question', 'Out of office']);
    expect(after.map((raw) => raw.key)).toEqual(['4242:2', '4242:3']);
    expect(before[1]?.key).not.toBe('4242:2');
  });

  it('with --move-to, handled messages get $CircleDone and move to that folder; the rest stay', async () => {
    await imap.dovecot.append(message('Declined: Python basics', 'decline-1'), imap.mailbox);
    await imap.dovecot.append(message('A question', 'question-1'), imap.mailbox);
    await imap.dovecot.create(`${imap.mailbox}-done`);
    const source = await open({ moveTo: `${imap.mailbox}-done` });
    const messages = await readAll(source);
    await source.handled([messages[0]!.key]);
    await source.close();
    expect(await imap.dovecot.flags(imap.mailbox)).toEqual([{ uid: 2, flags: [] }]);
    expect(await imap.dovecot.flags(`${imap.mailbox}-done`)).toEqual([{ uid: 1, flags: [DONE] }]);
    expect(await run()).toEqual([]);
  });

  it('a --move-to folder that does not exist, or a mailbox that does not, is refused before anything is read or changed', async () => {
    await imap.dovecot.append(message('Declined: Python basics', 'decline-1'), imap.mailbox);
    const failure = async (promise: Promise<unknown>) => ((await promise.then(() => undefined, (error: unknown) => error)) as Refused).failure;
    expect(await failure(open({ moveTo: 'Nowhere' }))).toEqual({
      kind: 'usage',
      message: `there is no folder Nowhere on 127.0.0.1:${imap.dovecot.port} to move handled messages to (--move-to)`,
      hint: 'create the folder in your mail program, or give one that exists',
    });
    expect(await failure(open({ moveTo: imap.mailbox }))).toEqual({
      kind: 'usage',
      message: `--move-to names the mailbox being read (${imap.mailbox})`,
      hint: 'give another folder, or leave --move-to out: handled messages get the keyword $CircleDone',
    });
    const own = imap.mailbox;
    imap.mailbox = 'Missing';
    expect(await failure(open())).toEqual({
      kind: 'input',
      message: `there is no mailbox Missing on 127.0.0.1:${imap.dovecot.port}`,
      hint: 'the path after the host in CIRCLE_IMAP_URL names the mailbox (INBOX when there is none); write a / inside a name as %2F',
    });
    expect(await imap.dovecot.flags(own)).toEqual([{ uid: 1, flags: [] }]);
  });

  it('a state file circle cannot read is refused with how to start afresh; keys from another UIDVALIDITY are refused', async () => {
    await imap.dovecot.append(message('Declined: Python basics', 'decline-1'), imap.mailbox);
    mkdirSync(join(dir, 'journals'));
    writeFileSync(imapStateFile(dir), '{"mailboxes": {"x": {"lastUid": "seven"}}}');
    const source = await open();
    const error = (await readAll(source).then(() => undefined, (cause: unknown) => cause)) as Refused;
    expect(error.failure).toEqual({
      kind: 'input',
      message: `${imapStateFile(dir)} is not a state file circle can read`,
      hint: 'delete it: the next run reads the whole mailbox again, and what was already done is not done twice',
    });
    const refused = (await source.handled(['1:1']).then(() => undefined, (cause: unknown) => cause)) as Refused;
    expect(refused.failure.message).toBe(`1:1 is not a message of 127.0.0.1:${imap.dovecot.port}/${imap.mailbox} as it is now`);
    await source.close();
    expect(await imap.dovecot.flags(imap.mailbox)).toEqual([{ uid: 1, flags: [] }]);
  });
});
