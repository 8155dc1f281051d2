import { describe, expect, it } from 'vitest';
import { circle } from '../helpers/in-process.js';
import { ENV, allCases, fixture, inboxWorkspace, writeMbox } from '../inbox/workspace.js';
import { handledIds, handledMode, journalLines, rosterState, snapshot } from '../inbox/workspace-state.js';

const BEFORE = ['ana:confirmed', 'bo:confirmed', 'cy:confirmed', 'di:confirmed', 'fay:waitlisted', 'gus:waitlisted', 'hal:waitlisted'];
const AFTER = [
  'ana:confirmed',
  'cy:confirmed',
  'fay:confirmed:owed',
  'gus:confirmed:owed',
  'bo:cancelled (declined the calendar invitation)',
  'di:cancelled (declined the calendar invitation)',
  'hal:cancelled (left by the link in a mail)',
];
const IDS = [
  '<CAGmail0001@mail.gmail.com>',
  '<5A1B2C3D-0003@example.org>',
  '<AM0PR01MB0002@AM0PR01MB.eurprd01.prod.outlook.com>',
  '<a1b2c3d4-0004@example.org>',
  '<forged-0005@example.net>',
  '<dmarc-0006@example.net>',
  '<leave-hal@example.org>',
  '<leave-other@example.org>',
  '<dsn-failed@mx.example.org>',
  '<dsn-delayed@mx.example.org>',
  '<ooo-0009@example.org>',
  '<question-0010@example.org>',
];

async function withMailbox(messages = allCases()) {
  const dir = await inboxWorkspace();
  return { dir, mbox: writeMbox(dir, messages) };
}

describe('circle inbox --from', () => {
  it('acts on replies, leave links and bounces, counts auto-replies and lists the rest for a person', async () => {
    const { dir, mbox } = await withMailbox();
    const result = await circle(['inbox', '--from', mbox], { cwd: dir, env: ENV });
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').slice(0, 10)).toEqual([
      'inbox.mbox: 12 new messages',
      'Ana Example <ana@example.org> accepted making-a-case',
      'Cy Example <cy@example.org> answered tentative to making-a-case',
      'Bo Example <bo@example.org> declined making-a-case: seat cancelled; Fay Example <fay@example.org> promoted to a seat',
      'Di Example <di@example.org> declined making-a-case: seat cancelled; Gus Example <gus@example.org> promoted to a seat',
      'Hal Example <hal@example.org> left making-a-case by the link in a mail: waitlist place cancelled',
      'gone@example.net: mail in making-a-case bounced (5.1.1): marked bounced in the journal',
      '1 auto-reply left alone',
      '1 message changed nothing (delivery delayed, already cancelled or already handled)',
      '4 messages for a person to read:',
    ]);
    expect(result.stdout).toContain(
      '  2026-11-03 10:15 UTC  Mallory <mallory@example.net>  "Declined: Making a case for open contracting"  making-a-case: a reply for ana@example.org sent by Mallory <mallory@example.net>: only the person can answer for themselves\n',
    );
    expect(result.stdout).toContain('Ana Example <ana@example.org>  "Declined: Making a case for open contracting"  making-a-case: the receiving server recorded dkim=fail');
    expect(result.stdout).toContain('making-a-case: a leave request for making-a-case whose token fits no signup\n');
    expect(result.stdout).toContain('  2026-11-03 10:15 UTC  Cy Example <cy@example.org>  "Question about the open contracting circle"  making-a-case: mail for the organiser to read\n');
    expect(result.stderr).toBe(
      'next: circle waitlist notify making-a-case  (2 owed a "you have a seat" email)\nnext: circle invites send making-a-case  (2 invited before leaving, owed the calendar cancellation)\n',
    );
    expect(await rosterState(dir)).toEqual(AFTER);
    // The answers are kept on the seats, as `signups list` shows them.
    const listed = JSON.parse((await circle(['signups', 'list', 'making-a-case', '--status', 'confirmed', '--json'], { cwd: dir })).stdout) as Array<{ email: string; reply?: string }>;
    expect(listed.map(({ email, reply }) => `${email}:${reply ?? '-'}`)).toEqual(['ana@example.org:accepted', 'cy@example.org:tentative', 'fay@example.org:-', 'gus@example.org:-']);
    expect(journalLines(dir).at(-1)).toMatchObject({ key: 'seat:gone@example.net 2019-10-28T09:09:00.000Z', kind: 'seat', to: 'gone@example.net', state: 'bounced', response: expect.stringContaining('550 5.1.1') });
    expect(handledIds(dir)).toEqual(IDS);
    expect(handledMode(dir)).toBe(0o600);
  });

  it('--json prints the actions', async () => {
    const { dir, mbox } = await withMailbox();
    const result = await circle(['inbox', '--from', mbox, '--json'], { cwd: dir, env: ENV });
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout) as { source: string; dryRun: boolean; read: number; handledBefore: number; actions: Array<Record<string, unknown>>; next: unknown[] };
    expect(printed).toMatchObject({ source: 'inbox.mbox', dryRun: false, read: 12, handledBefore: 0 });
    expect(printed.actions.map((action) => `${action.type}${action.reason ? ` ${action.reason as string}` : ''}`)).toEqual([
      'record', 'record', 'cancel', 'cancel', 'list from-mismatch', 'list authentication', 'cancel', 'list invalid-token', 'bounce', 'ignore delivery-delayed', 'auto-reply', 'list question',
    ]);
    expect(printed.actions[2]).toMatchObject({
      type: 'cancel',
      because: 'declined',
      was: 'confirmed',
      signup: { circle: 'making-a-case', email: 'bo@example.org', name: 'Bo Example' },
      promoted: [{ name: 'Fay Example', email: 'fay@example.org' }],
      messageId: '<AM0PR01MB0002@AM0PR01MB.eurprd01.prod.outlook.com>',
      from: { address: 'Bo@Example.org', name: 'Bo Example' },
    });
    expect(printed.actions[8]).toMatchObject({ type: 'bounce', recipient: 'gone@example.net', circle: 'making-a-case', journalKey: 'seat:gone@example.net 2019-10-28T09:09:00.000Z', status: '5.1.1' });
    expect(printed.next).toEqual([expect.objectContaining({ command: 'circle waitlist notify making-a-case' }), expect.objectContaining({ command: 'circle invites send making-a-case' })]);
  });

  it('--dry-run shows the same changes and changes nothing', async () => {
    const { dir, mbox } = await withMailbox();
    const before = snapshot(dir);
    const result = await circle(['inbox', '--from', mbox, '--dry-run'], { cwd: dir, env: ENV });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Di Example <di@example.org> declined making-a-case: seat cancelled; Gus Example <gus@example.org> promoted to a seat\n');
    expect(result.stderr).toBe('dry run: nothing written, no message marked\n');
    expect(snapshot(dir)).toEqual(before);
    expect(await rosterState(dir)).toEqual(BEFORE);
  });

  it('run twice, the second run reads nothing new and changes nothing', async () => {
    const { dir, mbox } = await withMailbox();
    expect((await circle(['inbox', '--from', mbox], { cwd: dir, env: ENV })).code).toBe(0);
    const after = snapshot(dir);
    const again = await circle(['inbox', '--from', mbox], { cwd: dir, env: ENV });
    expect([again.code, again.stdout, again.stderr]).toEqual([0, 'inbox.mbox: 0 new messages (12 handled before)\n', '']);
    expect(snapshot(dir)).toEqual(after);
  });

  it('a new message in the same mailbox is acted on by the next run, the old ones are not', async () => {
    const dir = await inboxWorkspace();
    writeMbox(dir, [fixture('outlook-declined.eml')]);
    expect((await circle(['inbox', '--from', 'inbox.mbox'], { cwd: dir, env: ENV })).code).toBe(0);
    writeMbox(dir, [fixture('outlook-declined.eml'), fixture('thunderbird-declined.eml')]);
    const next = await circle(['inbox', '--from', 'inbox.mbox'], { cwd: dir, env: ENV });
    expect(next.stdout).toBe('inbox.mbox: 1 new message (1 handled before)\nDi Example <di@example.org> declined making-a-case: seat cancelled; Gus Example <gus@example.org> promoted to a seat\n');
    expect(handledIds(dir)).toEqual(['<AM0PR01MB0002@AM0PR01MB.eurprd01.prod.outlook.com>', '<a1b2c3d4-0004@example.org>']);
  });

  it('a decline for a seat cancelled meanwhile changes nothing', async () => {
    const { dir, mbox } = await withMailbox([fixture('outlook-declined.eml')]);
    expect((await circle(['signups', 'cancel', 'making-a-case', 'bo@example.org'], { cwd: dir })).code).toBe(0);
    const before = snapshot(dir)['rosters/making-a-case.yaml'];
    const result = await circle(['inbox', '--from', mbox], { cwd: dir, env: ENV });
    expect([result.code, result.stdout]).toEqual([0, 'inbox.mbox: 1 new message\n1 message changed nothing (delivery delayed, already cancelled or already handled)\n']);
    expect(snapshot(dir)['rosters/making-a-case.yaml']).toBe(before);
  });
});

describe('circle inbox: where to read and what goes wrong', () => {
  it('with neither --from nor CIRCLE_IMAP_URL, it says how to give either (exit 2)', async () => {
    const dir = await inboxWorkspace();
    const result = await circle(['inbox'], { cwd: dir, env: { CIRCLE_IMAP_URL: undefined } });
    expect([result.code, result.stderr]).toEqual([2, expect.stringContaining('CIRCLE_IMAP_URL is not set')]);
    expect(result.stderr).toContain('--from');
  });

  it('--move-to goes with IMAP only (exit 2)', async () => {
    const { dir, mbox } = await withMailbox();
    const result = await circle(['inbox', '--from', mbox, '--move-to', 'Done'], { cwd: dir, env: ENV });
    expect([result.code, result.stderr]).toEqual([2, expect.stringContaining('--move-to goes with an IMAP mailbox, not with --from')]);
  });

  it('a mailbox that cannot be reached is an error (exit 1) and nothing changes', async () => {
    const dir = await inboxWorkspace();
    const before = snapshot(dir);
    const result = await circle(['inbox'], { cwd: dir, env: { ...ENV, CIRCLE_IMAP_URL: 'imap://circles%40example.org:secret-pass@127.0.0.1:9/INBOX' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('cannot reach the IMAP server 127.0.0.1:9');
    expect(result.stderr).not.toContain('secret-pass');
    expect(snapshot(dir)).toEqual(before);
  });

  it('a --from path that does not exist is an error (exit 1)', async () => {
    const dir = await inboxWorkspace();
    const result = await circle(['inbox', '--from', 'missing.mbox'], { cwd: dir, env: ENV });
    expect([result.code, result.stderr]).toEqual([1, expect.stringContaining('missing.mbox does not exist')]);
  });
});
