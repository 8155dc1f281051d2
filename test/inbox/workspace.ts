import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { leaveToken } from '../../src/inbox/leave-token.js';
import { exampleWorkspace } from '../helpers/cli.js';
import { circle } from '../helpers/in-process.js';
import { formExport } from '../helpers/signups.js';

/*
 * What the `circle inbox` tests share: making-a-case published as the fixtures' UID at SEQUENCE 2,
 * four seats (ana, bo, cy, di) and three waiting (fay, gus, hal), each seated person sent an
 * invitation, and gone@example.net a seat mail that bounces; and the mailbox as an mbox.
 */

export const FIXTURES = new URL('../fixtures/inbox/', import.meta.url).pathname;
export const SECRET = 'a workspace secret for the inbox tests';
export const ENV = { CIRCLE_SECRET: SECRET };
const SEATED = ['ana', 'bo', 'cy', 'di'];

/** A journal line as the mail commands write it: the key names the signup (address and sign-up time). */
function journalLine(kind: string, to: string, minute: number, extra: Record<string, string> = {}): string {
  const signup = `${to} 2019-10-28T09:0${minute}:00.000Z`;
  return JSON.stringify({ key: `${kind}:${signup}`, kind, to, state: 'sent', at: '2019-10-30T09:00:00.000Z', response: '250 OK', detail: { signup, sequence: 2 }, ...extra });
}

export async function inboxWorkspace(): Promise<string> {
  const dir = exampleWorkspace();
  const file = join(dir, 'circles', 'making-a-case.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/capacity: \d+/, 'capacity: 4'));
  const people: Array<[string, number]> = [...SEATED, 'fay', 'gus', 'hal'].map((name, minute) => [name, minute]);
  expect((await circle(['signups', 'import', 'making-a-case', formExport(dir, 'form.csv', people)], { cwd: dir })).code).toBe(0);
  writeFileSync(
    join(dir, 'circles', '.published.yaml'),
    'circles:\n  making-a-case:\n    uid: making-a-case@circles.example.org\n    sequence: 2\n    fingerprint: 0123456789abcdef\n    published: 2019-10-30T09:00:00Z\n    series: lift\n    number: 1\n',
  );
  mkdirSync(join(dir, 'journals'), { recursive: true, mode: 0o700 });
  const lines = [...SEATED.map((name, minute) => journalLine('invitation', `${name}@example.org`, minute)), journalLine('seat', 'gone@example.net', 9, { messageId: '<seat-0001@circles.example.org>' })];
  writeFileSync(join(dir, 'journals', 'making-a-case.jsonl'), `${lines.join('\n')}\n`, { mode: 0o600 });
  return dir;
}

export const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

/** A mail whose subject is the leave token of `email` in making-a-case. */
export function leaveMail(from: string, email: string, id: string): string {
  const token = leaveToken(SECRET, 'making-a-case', email);
  if (!token.ok) throw new Error('no token');
  return [`From: ${from}`, 'To: circles@example.org', `Subject: Leave ${token.value}`, `Message-ID: <${id}@example.org>`, 'Date: Wed, 04 Nov 2026 09:00:00 +0000', '', 'Please take me off the list.', ''].join('\r\n');
}

/** Every case of the issue, oldest first; Apple's tentative answers the current SEQUENCE. */
export function allCases(): string[] {
  return [
    fixture('gmail-accepted.eml'),
    fixture('apple-tentative.eml').replace('SEQUENCE:1', 'SEQUENCE:2'),
    fixture('outlook-declined.eml'),
    fixture('thunderbird-declined.eml'),
    fixture('forged-from.eml'),
    fixture('dmarc-fail.eml'),
    leaveMail('Hal Example <hal@example.org>', 'hal@example.org', 'leave-hal'),
    leaveMail('Ana Example <ana@example.org>', 'zed@example.org', 'leave-other'),
    fixture('bounce-failed.eml'),
    fixture('bounce-delayed.eml'),
    fixture('out-of-office.eml'),
    fixture('question.eml'),
  ];
}

/** An mbox of the messages: each after a "From " line, body lines starting "From " quoted. */
export function mbox(messages: readonly string[]): string {
  return messages.map((raw) => `From sender@example.org Tue Nov  3 10:15:00 2026\n${raw.replace(/\r\n/g, '\n').replace(/^(>*From )/gm, '>$1')}\n`).join('');
}

export function writeMbox(dir: string, messages: readonly string[], name = 'inbox.mbox'): string {
  writeFileSync(join(dir, name), mbox(messages));
  return name;
}
