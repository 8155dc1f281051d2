import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newMessageId } from '../../src/mail/compose.js';
import { bouncedAddresses, holdBounced, recordBounce, sentMessages } from '../../src/mail/bounces.js';
import { followAddress } from '../../src/mail/journal-rewrite.js';
import { readJournal, type JournalRecord, type JournalState } from '../../src/mail/journal.js';
import { mailTrouble } from '../../src/mail/summary.js';
import { acquireLock } from '../../src/roster/lock.js';
import type { Signup } from '../../src/roster/types.js';
import { journalFile, mailLockFile } from '../../src/workspace/paths.js';

const AT = '2019-10-28T09:00:00.000Z';
const record = (key: string, to: string, state: JournalRecord['state'], at: string, extra: Partial<JournalRecord> = {}): JournalRecord => ({ key, kind: key.slice(0, key.indexOf(':')), to, state, at, ...extra });
const state = (records: JournalRecord[]): JournalState => new Map(records.map((r) => [r.key, r]));
const T1 = '2019-11-01T10:00:00.000Z';
const T2 = '2019-11-02T10:00:00.000Z';
const T3 = '2019-11-03T10:00:00.000Z';

describe('bouncedAddresses: an address counts as bounced while its latest bounce is newer than anything sent to it since', () => {
  it.each([
    ['nothing bounced', [record('waitlisted:ana@example.org 1', 'ana@example.org', 'sent', T1)], []],
    ['a bounce', [record('waitlisted:ana@example.org 1', 'Ana@Example.org', 'bounced', T2)], ['ana@example.org']],
    ['a bounce, then another message sent to the address', [record('waitlisted:ana@example.org 1', 'ana@example.org', 'bounced', T2), record('seat:ana@example.org 1', 'ana@example.org', 'sent', T3)], []],
    ['a message sent, then a bounce of an earlier one', [record('seat:ana@example.org 1', 'ana@example.org', 'sent', T2), record('waitlisted:ana@example.org 1', 'ana@example.org', 'bounced', T3)], ['ana@example.org']],
    ['a later failure does not clear it', [record('waitlisted:ana@example.org 1', 'ana@example.org', 'bounced', T2), record('seat:ana@example.org 1', 'ana@example.org', 'failed', T3)], ['ana@example.org']],
    ['an erased record names no address', [record('erased:00', '', 'bounced', T2)], []],
    ['only the address that bounced', [record('waitlisted:ana@example.org 1', 'ana@example.org', 'bounced', T2), record('waitlisted:ben@example.org 1', 'ben@example.org', 'sent', T1)], ['ana@example.org']],
  ])('%s', (_, records, expected) => {
    expect([...bouncedAddresses(state(records)).keys()]).toEqual(expected);
  });
});

describe('holdBounced: the messages a run holds back', () => {
  const journal = state([record('waitlisted:ana@example.org 1', 'ana@example.org', 'bounced', T2, { response: '5.1.1' })]);
  const message = (email: string) => ({ key: `seat:${email}`, signup: { email } });

  it.each([
    ['holds back every message to the address, any key', false, ['ben@example.org'], ['ANA@example.org']],
    ['sends them all with --retry-bounced', true, ['ANA@example.org', 'ben@example.org'], []],
  ])('%s', (_, retry, sent, held) => {
    const plan = holdBounced([message('ANA@example.org'), message('ben@example.org')], journal, retry);
    expect(plan.send.map((m) => m.signup.email)).toEqual(sent);
    expect(plan.bounced.map((b) => [b.message.signup.email, b.bounce.response])).toEqual(held.map((email) => [email, '5.1.1']));
  });
});

describe('readers of a bounce record', () => {
  it('a corrected address leaves the bounce with the address that bounced; the key and signup follow', () => {
    const follow = followAddress('ana@exmaple.org', 'ana@example.org').record;
    expect(follow(record(`invitation:ana@exmaple.org ${AT}`, 'ana@exmaple.org', 'bounced', T2, { detail: { signup: `ana@exmaple.org ${AT}` } }))).toMatchObject({
      key: `invitation:ana@example.org ${AT}`,
      to: 'ana@exmaple.org',
      detail: { signup: `ana@example.org ${AT}` },
    });
  });

  it('signups list is told of a bounce while the address counts as bounced, with the command that sends again', () => {
    const signup = { email: 'ana@example.org', signedUp: AT } as Signup;
    const bounced = record(`waitlisted:ana@example.org ${AT}`, 'ana@example.org', 'bounced', T2, { response: '5.1.1', detail: { signup: `ana@example.org ${AT}` } });
    expect(mailTrouble(state([bounced]), 'health-outcomes')(signup)).toEqual([
      { kind: 'waitlisted', state: 'bounced', to: 'ana@example.org', response: '5.1.1', command: 'circle waitlist notify health-outcomes --retry-bounced' },
    ]);
    expect(mailTrouble(state([bounced, record(`seat:ana@example.org ${AT}`, 'ana@example.org', 'sent', T3)]), 'health-outcomes')(signup)).toEqual([]);
  });

  it('the journal reader keeps a bounce as the last word of its key, and a bounce line torn by a crash as not written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'circle-bounce-'));
    const path = join(dir, 'x.jsonl');
    const sent = record('seat:ana@example.org 1', 'ana@example.org', 'sent', T1, { messageId: '<a@example.org>' });
    const bounced = { key: sent.key, state: 'bounced', kind: 'seat', to: sent.to, at: T2, response: '5.1.1', messageId: '<a@example.org>' };
    writeFileSync(path, `${JSON.stringify(sent)}\n${JSON.stringify(bounced)}\n`);
    expect((await readJournal(path)).state.get(sent.key)?.state).toBe('bounced');
    writeFileSync(path, `${JSON.stringify(sent)}\n${JSON.stringify(bounced).slice(0, 60)}`);
    const torn = await readJournal(path);
    expect(torn.state.get(sent.key)).toEqual(sent);
    expect(torn.damaged).toEqual([2]);
  });
});

/** A workspace whose journal holds one sent message, as a mail run leaves it. */
function workspaceWithJournal(): { dir: string; sent: JournalRecord } {
  const dir = mkdtempSync(join(tmpdir(), 'circle-bounce-'));
  mkdirSync(join(dir, 'journals'), { mode: 0o700 });
  const detail = { signup: `ana@example.org ${AT}`, language: 'es' };
  const sending = record(`seat:ana@example.org ${AT}`, 'ana@example.org', 'sending', T1, { attempt: 1, messageId: '<m1@example.org>', detail });
  const sent = { ...sending, state: 'sent' as const, response: '250 OK' };
  writeFileSync(journalFile(dir, 'health-outcomes'), `${JSON.stringify(sending)}\n${JSON.stringify(sent)}\n`, { mode: 0o600 });
  return { dir, sent };
}

const lines = (dir: string) => readFileSync(journalFile(dir, 'health-outcomes'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as JournalRecord);

describe('recordBounce: what circle inbox appends', () => {
  it('appends a bounced record with the message’s kind, address and details, once', async () => {
    const { dir, sent } = workspaceWithJournal();
    const at = new Date('2019-11-04T08:00:00.000Z');
    const written = await recordBounce(dir, 'health-outcomes', { key: sent.key, status: '5.1.1', diagnostic: 'smtp; 550 5.1.1 unknown user', messageId: '<m1@example.org>', at });
    const expected = { key: sent.key, state: 'bounced', kind: 'seat', to: 'ana@example.org', at: at.toISOString(), response: '5.1.1 smtp; 550 5.1.1 unknown user', messageId: '<m1@example.org>', detail: sent.detail };
    expect(written).toEqual(expected);
    expect(lines(dir)).toEqual([expect.objectContaining({ state: 'sending' }), sent, expected]);
    // The same report read again: nothing more.
    expect(await recordBounce(dir, 'health-outcomes', { key: sent.key, status: '5.1.1', messageId: '<m1@example.org>', at })).toBeUndefined();
    expect(lines(dir)).toHaveLength(3);
  });

  it('records nothing for a key the journal does not hold (erased since)', async () => {
    const { dir } = workspaceWithJournal();
    expect(await recordBounce(dir, 'health-outcomes', { key: 'seat:nobody@example.org 1', status: '5.1.1' })).toBeUndefined();
    expect(lines(dir)).toHaveLength(2);
  });

  it('waits while another run holds the circle’s mail lock, then appends', async () => {
    const { dir, sent } = workspaceWithJournal();
    const held = await acquireLock(mailLockFile(dir, 'health-outcomes'));
    let waitedWith = -1;
    let recorded: JournalRecord | undefined;
    const waiting = new Promise<void>((resolve) => {
      void recordBounce(dir, 'health-outcomes', { key: sent.key, status: '5.2.2' }, {
        waiting: () => {
          waitedWith = lines(dir).length;
          resolve();
        },
      }).then((r) => (recorded = r));
    });
    await waiting;
    expect(waitedWith).toBe(2);
    await held.release();
    await expect.poll(() => recorded?.state, { timeout: 30_000 }).toBe('bounced');
    expect(lines(dir).at(-1)).toMatchObject({ key: sent.key, state: 'bounced', response: '5.2.2', messageId: '<m1@example.org>' });
  });
});

describe('sentMessages: what a bounce is matched against', () => {
  it('gives each Message-ID a message went with, across circles, and records from before Message-IDs by key', async () => {
    const { dir, sent } = workspaceWithJournal();
    const resent = { ...sent, at: T3, messageId: '<m2@example.org>' };
    const failed = record('waitlisted:ben@example.org 1', 'ben@example.org', 'failed', T1, { messageId: '<m3@example.org>' });
    writeFileSync(journalFile(dir, 'health-outcomes'), `${JSON.stringify(resent)}\n${JSON.stringify(failed)}\n`, { flag: 'a' });
    writeFileSync(journalFile(dir, 'older'), `${JSON.stringify(record('recording:cy@example.org', 'cy@example.org', 'sent', T2))}\n`);
    expect(await sentMessages(dir)).toEqual([
      { circle: 'health-outcomes', key: sent.key, to: 'ana@example.org', at: T1, messageId: '<m1@example.org>' },
      { circle: 'health-outcomes', key: sent.key, to: 'ana@example.org', at: T3, messageId: '<m2@example.org>' },
      { circle: 'older', key: 'recording:cy@example.org', to: 'cy@example.org', at: T2 },
    ]);
  });
});

describe('newMessageId: the Message-ID a message goes with', () => {
  it.each([
    ['circles@example.org', /^<[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}@example\.org>$/],
    ['círculos@ñandú.example', /^<[0-9a-f-]{36}@xn--and-6ma2c\.example>$/],
  ])('from %s', (sender, shape) => {
    const [one, two] = [newMessageId(sender), newMessageId(sender)];
    expect(one).toMatch(shape);
    expect(two).not.toBe(one);
  });
});
