// `npm run bench signups`: a 100,000-row form export imported into one circle (20 seats, the rest
// waitlisted) and into the series via --session-column, each against a bare csv-parse pass over the
// same file in the same run. Target: within 2x of the bare parse, peak memory under 300 MB.
// Then a 1 MB export of 1,000,000 blank lines between two signups, against the same two signups alone
// and a 1 MB export of real rows: blank lines should cost about what they weigh. Target: no slower
// than the 1 MB of real rows.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFormExport } from './form-export.mjs';
import { BIN, ROOT, ms, target } from './timing.mjs';

const ROWS = 100_000;
const RUNS = 5;
const work = mkdtempSync(join(tmpdir(), 'circle-bench-'));
cpSync(join(ROOT, 'circles'), join(work, 'circles'), { recursive: true });

const PEAK = 'data:text/javascript,process.on("exit",()=>process.stderr.write(`\\nmaxrss=${process.resourceUsage().maxRSS}\\n`))';
const BARE = `import{readFileSync}from'node:fs';import{parse}from'csv-parse/sync';const records=parse(readFileSync(process.argv[1],'utf8'),{delimiter:','});if(records.length!==${ROWS + 1})process.exit(1);`;

/** One run of a command: wall-clock milliseconds and peak memory (maxRSS) in MB. */
function run(args, cwd) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--import', PEAK, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const time = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr.slice(0, 2000)}`);
  return { time, peak: Number(/maxrss=(\d+)/.exec(result.stderr)?.[1] ?? 0) / 1024 };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const summary = (runs) => ({ median: median(runs.map((r) => r.time)), min: Math.min(...runs.map((r) => r.time)), peak: Math.max(...runs.map((r) => r.peak)) });

const csv = join(work, 'export.csv');
writeFormExport(csv, ROWS);
const freshRosters = () => rmSync(join(work, 'rosters'), { recursive: true, force: true });
const BARE_ARGS = ['--input-type=module', '-e', BARE, csv];
try {
  for (const [label, args] of [
    ['one circle', ['signups', 'import', 'making-a-case', csv]],
    ['series, --session-column', ['signups', 'import', '--session-column', 'Which sessions would you like to join?', csv]],
  ]) {
    // Bare and full runs take turns, so other work on the machine weighs on both alike.
    const bareRuns = [];
    const fullRuns = [];
    for (let i = 0; i < RUNS; i++) {
      bareRuns.push(run(BARE_ARGS, ROOT));
      freshRosters();
      fullRuns.push(run([BIN, '-C', work, ...args], work));
    }
    const bare = summary(bareRuns);
    const full = summary(fullRuns);
    const ratio = full.median / bare.median;
    process.stdout.write(
      `import ${ROWS.toLocaleString('en')} rows, ${label}: median ${ms(full.median)} (min ${ms(full.min)}, peak ${full.peak.toFixed(0)} MB)` +
        ` vs bare csv-parse median ${ms(bare.median)} (min ${ms(bare.min)}, peak ${bare.peak.toFixed(0)} MB)\n`,
    );
    target(`${label} within 2x of bare csv-parse (${ratio.toFixed(2)}x; mins ${(full.min / bare.min).toFixed(2)}x), peak under 300 MB (${full.peak.toFixed(0)} MB)`, ratio <= 2 && full.peak < 300);
  }
  const head = 'Timestamp,Email Address,Full name\n10/28/2019 9:00:00,ana@example.org,Ana Example\n';
  const tail = '10/30/2019 9:00:00,bo@example.org,Bo Example\n';
  writeFileSync(join(work, 'two.csv'), `${head}${tail}`);
  writeFileSync(join(work, 'blank.csv'), `${head}${'\n'.repeat(1_000_000)}${tail}`);
  const weight = join(work, 'weight.csv');
  writeFormExport(weight, 7_000);
  const mb = (path) => `${(statSync(path).size / 1024 / 1024).toFixed(1)} MB`;
  const cases = [
    ['2 signups', 'two.csv'],
    [`2 signups and 1,000,000 blank lines (${mb(join(work, 'blank.csv'))})`, 'blank.csv'],
    [`7,000 signups (${mb(weight)})`, 'weight.csv'],
  ];
  // In turns, so that other work on the machine weighs on all alike.
  const runs = cases.map(() => []);
  for (let i = 0; i < 3; i++) {
    cases.forEach(([, file], k) => {
      freshRosters();
      runs[k].push(run([BIN, '-C', work, 'signups', 'import', 'making-a-case', join(work, file)], work));
    });
  }
  const [, blank, real] = cases.map(([label], k) => {
    const { median: time, peak } = summary(runs[k]);
    process.stdout.write(`import ${label}: median ${ms(time)}, peak ${peak.toFixed(0)} MB\n`);
    return time;
  });
  target(`1,000,000 blank lines no slower than 7,000 real rows of the same weight (${(blank / real).toFixed(2)}x)`, blank <= real);
} finally {
  rmSync(work, { recursive: true, force: true });
}
