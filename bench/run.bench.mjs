// `circle status` and `circle run --dry-run` on a series of 200 circles with 100 signups each (20
// seats, 80 waiting) and nothing due: every signup imported, the calendar published, every message
// journaled as sent (as `circle run` journals it: sending, then sent), the clock weeks before the
// first reminder. Timed in turns with `circle list` on the same workspace, the parse cache filled by
// the runs before (as by the cron run before); then `circle status` once more with the cache emptied
// each time. Target (issue 15): each under 1 s. (Sending the 20,000 messages for real takes minutes: the journals are written here, and
// `status --json` and `run --dry-run --json` must then find nothing due.)
// CIRCLE_BENCH_KEEP=1 keeps the workspace (its folder is printed), to profile the commands on it.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ms, ROOT, target } from './timing.mjs';

const CIRCLES = 200;
const SIGNUPS = 100;
const RUNS = 9;
const NOW = '2026-12-01T09:00:00Z';
const node = process.execPath;

const SEATS = 20;
const day = (c) => new Date(Date.UTC(2027, 0, 4 + c)).toISOString().slice(0, 10);
const signedUp = (c, k) => new Date(Date.UTC(2026, 10, 2, 9, 0, 0) + (c * SIGNUPS + k) * 7_000);
const email = (c, k) => `person${c}-${k}@example.org`;
const language = (k) => (k % 3 ? 'en' : 'es');

/** Circle i of the series: 20 seats, at 12:00 GMT, one a day in 2027. */
function circleFiles(dir) {
  mkdirSync(join(dir, 'circles'));
  // No placeholder settings left (as test/helpers/mail.ts withoutPlaceholders): `circle run` exits 1 while a setting needs a person.
  const series = readFileSync(join(ROOT, 'circles', 'lift.series.yaml'), 'utf8');
  writeFileSync(join(dir, 'circles', 'lift.series.yaml'), series.replace(/^mailing_list_url: .*\n/m, '').replace('email: circles@example.org', 'email: circles@lift.org.uk').replace(/^uid_domain: .*$/m, 'uid_domain: lift-bench.invalid'));
  const template = readFileSync(join(ROOT, 'circles', 'health-outcomes.yaml'), 'utf8').replace(/^signup_url: .*\n/m, '').replace('meet.example.org', 'meet.lift-bench.net');
  for (let i = 1; i <= CIRCLES; i++) {
    const text = template.replace('id: health-outcomes', `id: circle-${i}`).replace('number: 3', `number: ${i}`).replace('start: 2019-12-04T12:00', `start: ${day(i)}T12:00`);
    if (text === template) throw new Error('the circle template changed: update bench/run.bench.mjs');
    writeFileSync(join(dir, 'circles', `circle-${i}.yaml`), text);
  }
}

/** One series form: 100 rows naming each circle, a few seconds apart. */
function formExport(path) {
  const lines = ['Timestamp,Email Address,Full name,Preferred language,Which sessions would you like to join?'];
  for (let c = 1; c <= CIRCLES; c++) {
    for (let k = 0; k < SIGNUPS; k++) {
      const at = signedUp(c, k);
      const stamp = `${at.getUTCMonth() + 1}/${at.getUTCDate()}/${at.getUTCFullYear()} ${at.getUTCHours()}:${String(at.getUTCMinutes()).padStart(2, '0')}:${String(at.getUTCSeconds()).padStart(2, '0')}`;
      lines.push(`${stamp},${email(c, k)},Person ${c}-${k},${language(k) === 'en' ? 'English' : 'Español'},Learning Circle #${c}`);
    }
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

/** Each circle's journal: an invitation to each of the first 20, their place to the other 80, each sent. */
function journals(dir) {
  mkdirSync(join(dir, 'journals'), { mode: 0o700 });
  for (let c = 1; c <= CIRCLES; c++) {
    const lines = [];
    for (let k = 0; k < SIGNUPS; k++) {
      const seated = k < SEATS;
      const signup = `${email(c, k)} ${signedUp(c, k).toISOString()}`;
      const kind = seated ? 'invitation' : 'waitlisted';
      const said = { start: `${day(c)}T12:00:00.000Z`, end: `${day(c)}T13:15:00.000Z`, platform: '', ...(seated ? { link: 'https://meet.lift-bench.net/lift-3' } : {}) };
      const message = { key: `${kind}:${signup}`, kind, to: email(c, k), at: '2026-11-30T09:00:00.000Z' };
      const rest = { messageId: `<${randomUUID()}@example.org>`, detail: { signup, language: language(k), sequence: 0, ...said } };
      lines.push(JSON.stringify({ ...message, state: 'sending', attempt: 1, ...rest }), JSON.stringify({ ...message, state: 'sent', attempt: 1, response: '250 OK: message queued', ...rest }));
    }
    writeFileSync(join(dir, 'journals', `circle-${c}.jsonl`), `${lines.join('\n')}\n`, { mode: 0o600 });
  }
}

function circle(args, cwd, env) {
  const result = spawnSync(node, [BIN, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`circle ${args.join(' ')} exited ${result.status}: ${result.stderr.slice(0, 4000)}`);
  return result;
}

/** What `circle status --json` and `circle run --dry-run --json` say is due: none of it, or the benchmark measures the wrong thing. */
function checkNothingDue(dir, env) {
  const status = JSON.parse(circle(['status', '--json'], dir, env).stdout);
  const owed = status.circles.filter((c) => c.owed.length > 0 || c.mail.length > 0);
  if (status.circles.length !== CIRCLES || owed.length > 0) throw new Error(`circle status: ${status.circles.length} circles, ${owed.length} with mail owed or held: ${JSON.stringify(owed[0])}`);
  const seated = status.circles.reduce((n, c) => n + c.confirmed + c.waitlisted, 0);
  if (seated !== CIRCLES * SIGNUPS) throw new Error(`circle status counts ${seated} signups, not ${CIRCLES * SIGNUPS}`);
  const run = JSON.parse(circle(['run', '--dry-run', '--yes', '--json'], dir, env).stdout);
  for (const step of run.steps) {
    const rows = step.result?.rows ?? [];
    const promoted = Array.isArray(step.result) ? step.result.flatMap((r) => r.promoted ?? []) : [];
    if (!step.ok || rows.length > 0 || promoted.length > 0) throw new Error(`circle run --dry-run: step ${step.step} has something due: ${JSON.stringify(step).slice(0, 2000)}`);
  }
  return run.steps.map((s) => s.step);
}

// The command's own CPU time (user + system), printed as it exits: on a machine shared with other
// work the wall clock waits for a core, and this figure says how much of it was the command's.
const CPU = 'data:text/javascript,process.on("exit",()=>{const u=process.resourceUsage();process.stderr.write(`\\ncpu=${u.userCPUTime+u.systemCPUTime}\\n`)})';

/** Wall-clock and CPU milliseconds of each command, run in turns so that other work weighs on all alike. */
function timeInTurns(commands, cwd, env, before = () => {}) {
  const times = commands.map(() => ({ wall: [], cpu: [] }));
  for (let i = 0; i < RUNS; i++) {
    commands.forEach((args, k) => {
      before();
      const started = process.hrtime.bigint();
      const result = spawnSync(node, ['--import', CPU, BIN, ...args], { cwd, env, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
      times[k].wall.push(Number(process.hrtime.bigint() - started) / 1e6);
      if (result.status !== 0) throw new Error(`circle ${args.join(' ')} exited ${result.status}: ${result.stderr.slice(0, 4000)}`);
      times[k].cpu.push(Number(/cpu=(\d+)\n*$/.exec(result.stderr)?.[1]) / 1000);
    });
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return times.map(({ wall, cpu }) => ({ median: median(wall), min: Math.min(...wall), cpu: median(cpu) }));
}

const work = mkdtempSync(join(tmpdir(), 'circle-bench-run-'));
try {
  const env = { ...process.env, NO_COLOR: '1', CIRCLE_NOW: NOW, CIRCLE_SECRET: 'a workspace secret for the benchmark' };
  delete env.CIRCLE_IMAP_URL;
  const dir = join(work, 'lift');
  mkdirSync(dir);
  circleFiles(dir);
  formExport(join(dir, 'form.csv'));
  const setup = process.hrtime.bigint();
  circle(['signups', 'import', '--session-column', 'Which sessions would you like to join?', '--series', 'lift', '--date-format', 'month-first', 'form.csv'], dir, env);
  circle(['invites'], dir, env);
  journals(dir);
  console.log(`workspace: ${CIRCLES} circles x ${SIGNUPS} signups, calendar published, all mail journaled as sent (set up in ${ms(Number(process.hrtime.bigint() - setup) / 1e6)}), CIRCLE_NOW=${NOW}`);
  const steps = checkNothingDue(dir, env);
  console.log(`nothing due: circle status owes nothing; circle run --dry-run steps ${steps.join(', ')} find nothing`);

  const [list, status, dryRun] = timeInTurns([['list'], ['status'], ['run', '--dry-run', '--yes']], dir, env);
  const rows = [
    ['circle list', list],
    ['circle status', status],
    ['circle run --dry-run --yes', dryRun],
  ];
  for (const [name, t] of rows) {
    console.log(`${name.padEnd(28)} median ${ms(t.median).padStart(10)}  min ${ms(t.min).padStart(10)}  ${(t.median / list.median).toFixed(2)}x list   cpu ${ms(t.cpu).padStart(10)}  ${(t.cpu / list.cpu).toFixed(2)}x list`);
  }
  // The runs above find every file in the parse cache, as a cron run does after the first; the first run after the cache is emptied parses all.
  const [cold] = timeInTurns([['status']], dir, env, () => rmSync(join(dir, '.circle-cache'), { recursive: true, force: true }));
  console.log(`${'circle status, cache emptied'.padEnd(28)} median ${ms(cold.median).padStart(10)}  min ${ms(cold.min).padStart(10)}  ${(cold.median / list.median).toFixed(2)}x list   cpu ${ms(cold.cpu).padStart(10)}`);
  target(`circle status under 1 s (${ms(status.median)})`, status.median < 1000);
  target(`circle run --dry-run under 1 s (${ms(dryRun.median)})`, dryRun.median < 1000);
} finally {
  if (process.env.CIRCLE_BENCH_KEEP) console.log(`\nworkspace kept in ${join(work, 'lift')}`);
  else rmSync(work, { recursive: true, force: true });
}
