// `circle waitlist notify` mailing 1,000 waitlisted people on a loopback SMTP server,
// against plain nodemailer sending the same messages (composed by nodemailer from their subject,
// text and HTML) over a pooled connection in the same run.
// Target: within 1.5x of plain nodemailer.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ms, ROOT, target } from './timing.mjs';

const PEOPLE = 1020;
const RUNS = 3;
const work = mkdtempSync(join(tmpdir(), 'circle-bench-mail-'));
const sink = spawn(process.execPath, [join(ROOT, 'bench', 'smtp-sink.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
try {
  const port = await new Promise((resolve) => sink.stdout.once('data', (data) => resolve(Number(String(data).trim()))));
  cpSync(join(ROOT, 'circles'), join(work, 'circles'), { recursive: true });
  const rows = Array.from({ length: PEOPLE }, (_, i) => `10/28/2019 ${9 + Math.floor(i / 3600)}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')},person${i}@example.org,Person ${i},${i % 3 ? 'English' : 'Español'}`);
  writeFileSync(join(work, 'export.csv'), `Timestamp,Email Address,Full name,Preferred language\n${rows.join('\n')}\n`);
  const env = { ...process.env, CIRCLE_SMTP_URL: `smtp://127.0.0.1:${port}`, NO_COLOR: '1' };
  const run = (args) => {
    const result = spawnSync(process.execPath, args, { cwd: work, env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  };
  run([BIN, 'signups', 'import', 'health-outcomes', 'export.csv']);
  run([BIN, 'waitlist', 'notify', 'health-outcomes', '--preview', 'outbox']);
  // What each message says, for the baseline to send with nodemailer's own composing.
  const messages = [];
  for (const name of readdirSync(join(work, 'outbox')).sort()) {
    const mail = await simpleParser(readFileSync(join(work, 'outbox', name)));
    messages.push({ from: mail.from.text, to: mail.to.text, replyTo: mail.replyTo?.text, subject: mail.subject, text: mail.text, html: mail.html });
  }
  writeFileSync(join(work, 'messages.json'), JSON.stringify(messages));
  const timed = (args) => {
    const started = process.hrtime.bigint();
    run(args);
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  // In turns, so that other work on the machine weighs on both alike; each circle run starts with no journal.
  const plainTimes = [];
  const circleTimes = [];
  for (let i = 0; i < RUNS; i++) {
    plainTimes.push(timed([join(ROOT, 'bench', 'plain-nodemailer.mjs'), join(work, 'messages.json'), String(port)]));
    rmSync(join(work, 'journals'), { recursive: true, force: true });
    circleTimes.push(timed([BIN, 'waitlist', 'notify', 'health-outcomes', '--yes']));
  }
  const median = (times) => times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
  const plain = median(plainTimes);
  const circle = median(circleTimes);
  const sent = readFileSync(join(work, 'journals', 'health-outcomes.jsonl'), 'utf8').split('\n').filter((line) => line.includes('"state":"sent"')).length;
  const ratio = circle / plain;
  console.log(`plain nodemailer, pooled, ${sent} messages     median ${ms(plain).padStart(10)}`);
  console.log(`circle waitlist notify, ${sent} messages       median ${ms(circle).padStart(10)}   ${ratio.toFixed(2)}x plain nodemailer`);
  if (sent !== PEOPLE - 20) throw new Error(`expected ${PEOPLE - 20} messages, the journal says ${sent}`);
  target(`circle waitlist notify within 1.5x of plain nodemailer (${ratio.toFixed(2)}x)`, ratio <= 1.5);
} finally {
  sink.kill();
  rmSync(work, { recursive: true, force: true });
}
