import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decide, type Workspace } from '../../src/inbox/decide.js';
import { fileSource } from '../../src/inbox/files.js';
import { rawMessageId, readInbox } from '../../src/inbox/read.js';
import type { Signup } from '../../src/roster/types.js';

describe('the Message-ID of a raw message', () => {
  it.each([
    ['as written', 'Message-ID: <a1@example.org>\r\nSubject: x\r\n\r\nbody', '<a1@example.org>'],
    ['in another case, folded', 'Subject: x\nmessage-id:\n <a2@example.org>\n\nbody', '<a2@example.org>'],
    ['without brackets', 'Message-Id: a3@example.org\n\nbody', '<a3@example.org>'],
    ['the first of two', 'Message-ID: <first@example.org>\nMessage-ID: <second@example.org>\n\n', '<first@example.org>'],
    ['only in the body', 'Subject: x\n\nMessage-ID: <body@example.org>\n', undefined],
    ['missing', 'Subject: x\n\nbody', undefined],
  ])('%s', (_, raw, expected) => {
    expect(rawMessageId(Buffer.from(raw))).toBe(expected);
  });
});

const person = (name: string, email: string): Signup => ({ name, email, language: 'en', signedUp: '2026-10-01T09:00:00.000Z', source: { via: 'import', import: 1 }, status: 'confirmed', statusChanged: '2026-10-01T09:00:00.000Z' });
const PEOPLE = [person('Ana Example', 'ana@example.org'), person('Bo Example', 'bo@example.org'), person('Cy Example', 'cy@example.org'), person('Di Example', 'di@example.org')];
const WORKSPACE: Workspace = {
  circles: [{ id: 'making-a-case', title: 'Making a case for open contracting', uid: 'making-a-case@circles.example.org', sequence: 2, cancelled: false }],
  rosters: new Map([['making-a-case', { circle: 'making-a-case', lastImport: 1, signups: PEOPLE, removed: [] }]]),
  invited: new Map([['making-a-case', new Set(PEOPLE.map((signup) => signup.email))]]),
  sent: [{ circle: 'making-a-case', key: 'seat:gone@example.net:2026-10-01T09:00:00.000Z', to: 'gone@example.net', at: '2026-11-03T11:00:00.000Z', messageId: '<seat-0001@circles.example.org>' }],
  handled: new Set(),
};

describe('the fixture mailbox, read and decided', () => {
  const folder = fileURLToPath(new URL('../fixtures/inbox/', import.meta.url));

  it('acts on the replies that are safe and lists the rest', async () => {
    const source = await fileSource(folder);
    const { messages, alreadyHandled } = await readInbox(source, WORKSPACE.circles, WORKSPACE.handled);
    const actions = decide(messages, WORKSPACE);
    const byFile = Object.fromEntries(
      actions.map((action) => {
        const what = action.type === 'list' ? `list ${action.reason}` : action.type === 'ignore' ? `ignore ${action.reason}` : action.type === 'record' ? `record ${action.partstat} ${action.signup.email}` : action.type === 'cancel' ? `cancel ${action.signup.email}` : action.type === 'bounce' ? `bounce ${action.journalKey}` : action.type;
        return [action.source.slice(folder.length), what];
      }),
    );
    expect([byFile, alreadyHandled]).toEqual([
      {
        'apple-tentative.eml': 'list other-sequence',
        'bounce-delayed.eml': 'ignore delivery-delayed',
        'bounce-failed.eml': 'bounce seat:gone@example.net:2026-10-01T09:00:00.000Z',
        'dmarc-fail.eml': 'list authentication',
        'forged-from.eml': 'list from-mismatch',
        'gmail-accepted.eml': 'record ACCEPTED ana@example.org',
        'out-of-office.eml': 'auto-reply',
        'outlook-declined.eml': 'cancel bo@example.org',
        'question.eml': 'list question',
        'thunderbird-declined.eml': 'cancel di@example.org',
      },
      [],
    ]);
  });

  it('reads nothing again once every Message-ID is recorded: a second run changes nothing', async () => {
    const first = await readInbox(await fileSource(folder), WORKSPACE.circles, new Set());
    const handled = new Set(first.messages.map((message) => message.message.messageId ?? ''));
    const second = await readInbox(await fileSource(folder), WORKSPACE.circles, handled);
    expect([second.messages, second.alreadyHandled.length]).toEqual([[], 10]);
  });
});

describe('an mbox of the fixtures', () => {
  it('reads the same messages as the .eml folder, a From line in a body (escaped) included', async () => {
    const { mkdtemp, readFile, readdir, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const folder = fileURLToPath(new URL('../fixtures/inbox/', import.meta.url));
    const names = (await readdir(folder)).sort();
    const escaped = async (name: string) => (await readFile(join(folder, name), 'latin1')).replace(/^(>*From )/gm, '>$1');
    const mbox = (await Promise.all(names.map(async (name) => `From circles@example.org Tue Nov  3 12:00:00 2026\n${await escaped(name)}\n`))).join('');
    const path = join(await mkdtemp(join(tmpdir(), 'circle-inbox-mbox-')), 'circles.mbox');
    await writeFile(path, mbox, 'latin1');
    const fromMbox = await readInbox(await fileSource(path), WORKSPACE.circles, new Set());
    const fromFolder = await readInbox(await fileSource(folder), WORKSPACE.circles, new Set());
    const byId = (read: typeof fromMbox) => read.messages.map((entry) => entry.message).sort((a, b) => (a.messageId ?? '').localeCompare(b.messageId ?? ''));
    expect(byId(fromMbox)).toEqual(byId(fromFolder));
    expect(fromMbox.messages).toHaveLength(names.length);
  });
});
