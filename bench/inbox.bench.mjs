// `circle inbox --from` on an mbox of 10,000 messages, 95% of them unrelated mail (newsletters and
// notes), the rest calendar replies, leave requests, bounces and out-of-office replies for a circle
// of 20 seats and 40 waiting: the first run (which acts on them all), then a second run with nothing
// new, in turns with `circle list` on the same workspace. Target: the second run within 2x of list.
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ms, ROOT, target, timeInTurns } from './timing.mjs';

const node = process.execPath;
const SECRET = 'a workspace secret for the benchmark';
const env = { ...process.env, NO_COLOR: '1', CIRCLE_SECRET: SECRET };
const CIRCLE = 'making-a-case';
const UID = `${CIRCLE}@circles.example.org`;
const SEATED = 20;
const WAITING = 40;
const person = (i) => `person${i}@example.org`;
const signedUp = (i) => `2019-10-28T09:${String(i).padStart(2, '0')}:00.000Z`;

const header = (from, subject, id, extra = []) => [`From: ${from}`, 'To: Circles <circles@example.org>', `Subject: ${subject}`, `Message-ID: <${id}@bench.example.org>`, 'Date: Tue, 03 Nov 2026 10:15:00 +0000', 'MIME-Version: 1.0', ...extra];
const newsletter = (i) =>
  [...header(`News ${i % 50} <news${i % 50}@lists.example.net>`, `Weekly digest ${i}: procurement news`, `news-${i}`, ['Content-Type: text/plain; charset=utf-8']), '', ...Array.from({ length: 30 }, (_, l) => `Line ${l} of the digest: open data, budgets, tenders and contracts from around the world.`), ''].join('\n');
const reply = (i, partstat) =>
  [
    ...header(`Person ${i} <${person(i)}>`, `${partstat === 'DECLINED' ? 'Declined' : 'Accepted'}: Making a case for open contracting`, `reply-${partstat}-${i}`, ['Content-Type: text/calendar; charset=utf-8; method=REPLY']),
    '',
    'BEGIN:VCALENDAR', 'METHOD:REPLY', 'PRODID:-//Bench//EN', 'VERSION:2.0', 'BEGIN:VEVENT', `UID:${UID}`, 'SEQUENCE:0', 'DTSTAMP:20261103T101500Z',
    `ATTENDEE;PARTSTAT=${partstat}:mailto:${person(i)}`, 'END:VEVENT', 'END:VCALENDAR', '',
  ].join('\n');
const leave = (i) => {
  const mac = createHmac('sha256', SECRET).update(`circle-leave\0${CIRCLE}\0${person(i)}`).digest().subarray(0, 16).toString('base64url');
  return [...header(`Person ${i} <${person(i)}>`, `Leave leave.${CIRCLE}.${mac}`, `leave-${i}`, ['Content-Type: text/plain']), '', 'Please take me off the list.', ''].join('\n');
};
const away = (i) => [...header(`Person ${i % SEATED} <${person(i % SEATED)}>`, 'Automatic reply: Making a case', `away-${i}`, ['Auto-Submitted: auto-replied', 'Content-Type: text/plain']), '', 'I am away.', ''].join('\n');
const bounce = (i) =>
  [
    ...header('Mail Delivery System <MAILER-DAEMON@mx.example.org>', 'Undelivered Mail Returned to Sender', `dsn-${i}`, ['Auto-Submitted: auto-replied', 'Content-Type: multipart/report; report-type=delivery-status; boundary="b"']),
    '', '--b', 'Content-Type: text/plain', '', 'Your message could not be delivered.', '', '--b', 'Content-Type: message/delivery-status', '',
    'Reporting-MTA: dns; mx.example.org', '', `Final-Recipient: rfc822; gone${i}@example.net`, 'Action: failed', 'Status: 5.1.1', '', '--b--', '',
  ].join('\n');

/** 10,000 messages: every 20th related (declines, accepts, leaves, bounces, away notes), the rest newsletters. */
function mailbox() {
  const related = [
    ...Array.from({ length: 10 }, (_, i) => reply(i, 'DECLINED')),
    ...Array.from({ length: 10 }, (_, i) => reply(i + 10, 'ACCEPTED')),
    ...Array.from({ length: 20 }, (_, i) => leave(SEATED + 20 + i)),
    ...Array.from({ length: 100 }, (_, i) => bounce(i)),
    ...Array.from({ length: 370 }, (_, i) => away(i)),
  ];
  const messages = [];
  for (let i = 0; i < 10_000; i++) messages.push(i % 20 === 0 && related.length ? related.shift() : newsletter(i));
  return messages.map((raw) => `From sender@example.org Tue Nov  3 10:15:00 2026\n${raw.replace(/^(>*From )/gm, '>$1')}\n`).join('');
}

function workspace(dir) {
  cpSync(join(ROOT, 'circles'), join(dir, 'circles'), { recursive: true });
  const rows = Array.from({ length: SEATED + WAITING }, (_, i) => `10/28/2019 9:${String(i).padStart(2, '0')}:00,${person(i)},Person ${i}`);
  writeFileSync(join(dir, 'form.csv'), `Timestamp,Email Address,Full name\n${rows.join('\n')}\n10/30/2019 9:00:00,,\n`);
  const circleFile = join(dir, 'circles', `${CIRCLE}.yaml`);
  spawnSync('sed', ['-i', `s/capacity: [0-9]*/capacity: ${SEATED}/`, circleFile]);
  const imported = spawnSync(node, [BIN, 'signups', 'import', CIRCLE, 'form.csv'], { cwd: dir, env, encoding: 'utf8' });
  if (imported.status !== 0) throw new Error(imported.stderr);
  writeFileSync(join(dir, 'circles', '.published.yaml'), `circles:\n  ${CIRCLE}:\n    uid: ${UID}\n    sequence: 0\n    fingerprint: 0123456789abcdef\n    published: 2019-10-30T09:00:00Z\n    series: lift\n    number: 1\n`);
  mkdirSync(join(dir, 'journals'), { mode: 0o700 });
  const line = (kind, to, id) => JSON.stringify({ key: `${kind}:${id}`, kind, to, state: 'sent', at: '2019-10-30T09:00:00.000Z', response: '250 OK', detail: { signup: id, sequence: 0 } });
  const journal = [
    ...Array.from({ length: SEATED }, (_, i) => line('invitation', person(i), `${person(i)} ${signedUp(i)}`)),
    ...Array.from({ length: 100 }, (_, i) => line('seat', `gone${i}@example.net`, `gone${i}@example.net ${signedUp(0)}`)),
  ];
  writeFileSync(join(dir, 'journals', `${CIRCLE}.jsonl`), `${journal.join('\n')}\n`, { mode: 0o600 });
}

const work = mkdtempSync(join(tmpdir(), 'circle-bench-inbox-'));
try {
  const mbox = join(work, 'inbox.mbox');
  writeFileSync(mbox, mailbox());
  // The first run acts on the mailbox: a fresh workspace for each of three runs.
  const firsts = [];
  for (let run = 0; run < 3; run++) {
    const dir = join(work, `first-${run}`);
    mkdirSync(dir);
    workspace(dir);
    const started = process.hrtime.bigint();
    const result = spawnSync(node, [BIN, 'inbox', '--from', mbox], { cwd: dir, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    firsts.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (result.status !== 0) throw new Error(`circle inbox exited ${result.status}: ${result.stderr}`);
    if (run === 0) console.log(result.stdout.split('\n').filter((l) => !l.startsWith('  ')).slice(0, 3).join('\n'), '...');
  }
  const dir = join(work, 'first-0');
  const [second, list] = timeInTurns([[node, BIN, 'inbox', '--from', mbox], [node, BIN, 'list']], { runs: 9, cwd: dir, env });
  const first = [...firsts].sort((a, b) => a - b)[1];
  console.log(`${'circle inbox, 10,000 messages, first run'.padEnd(52)} median ${ms(first).padStart(10)}`);
  console.log(`${'circle inbox, same mailbox, nothing new'.padEnd(52)} median ${ms(second.median).padStart(10)}  min ${ms(second.min)}`);
  console.log(`${'circle list, same workspace'.padEnd(52)} median ${ms(list.median).padStart(10)}  min ${ms(list.min)}`);
  const ratio = second.median / list.median;
  target(`second run within 2x of circle list (${ratio.toFixed(2)}x)`, ratio <= 2);
} finally {
  rmSync(work, { recursive: true, force: true });
}
