// Reading rosters: parseRoster on a roster of 1,020 and of 98,000 signups (each in a fresh process,
// as a command reads it), `circle waitlist notify --dry-run` on the smaller one, and `circle validate`
// and a re-import of the signups benchmark's 100,000-row export into its own roster on the larger one;
// then the larger one after one hand edit (a name put in single quotes), which only that entry pays for.
// Targets: parseRoster of 1,020 signups under 50 ms; the hand-edited roster read within 3x of the
// untouched (the careful reader within a few times the fast one).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFormExport } from './form-export.mjs';
import { BIN, builtModule, ROOT, ms, target } from './timing.mjs';

const work = mkdtempSync(join(tmpdir(), 'circle-bench-roster-'));
const PEAK = 'data:text/javascript,process.on("exit",()=>process.stderr.write(`\\nmaxrss=${process.resourceUsage().maxRSS}\\n`))';
// parseRoster from the built CLI's own chunk: the code `circle` runs.
const PARSER = builtModule('src/roster/file.ts');
const READ = `import{readFileSync}from'node:fs';import{parseRoster}from'${PARSER}';const bytes=readFileSync(process.argv[1]);const t=process.hrtime.bigint();const p=parseRoster(bytes);const took=Number(process.hrtime.bigint()-t)/1e6;if(!p.roster)process.exit(1);process.stdout.write(String(took));`;

/** Runs node with `args` in the work folder: wall-clock ms, peak memory in MB and stdout. */
function run(args) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--import', PEAK, ...args], { cwd: work, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 });
  const time = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr.slice(0, 2000)}`);
  return { time, peak: Number(/maxrss=(\d+)/.exec(result.stderr)?.[1] ?? 0) / 1024, stdout: result.stdout };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
/** Prints the runs' median, min and peak memory; returns the median. */
function report(label, runs, measure = (r) => r.time) {
  const times = runs.map(measure);
  process.stdout.write(`${label.padEnd(58)} median ${ms(median(times)).padStart(11)}  min ${ms(Math.min(...times)).padStart(11)}  peak ${Math.max(...runs.map((r) => r.peak)).toFixed(0)} MB\n`);
  return median(times);
}
const repeat = (times, args) => Array.from({ length: times }, () => run(args));

try {
  cpSync(join(ROOT, 'circles'), join(work, 'circles'), { recursive: true });
  // 20 seated and 1,000 waitlisted, as in the mail benchmark.
  const rows = Array.from({ length: 1020 }, (_, i) => `10/28/2019 ${9 + Math.floor(i / 3600)}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')},person${i}@example.org,Person ${i},${i % 3 ? 'English' : 'Español'}`);
  writeFileSync(join(work, 'small.csv'), `Timestamp,Email Address,Full name,Preferred language\n${rows.join('\n')}\n`);
  run([BIN, 'signups', 'import', 'health-outcomes', 'small.csv']);
  writeFormExport(join(work, 'export.csv'), 100_000);
  run([BIN, 'signups', 'import', 'making-a-case', 'export.csv']);
  const small = join(work, 'rosters', 'health-outcomes.yaml');
  const large = join(work, 'rosters', 'making-a-case.yaml');
  const mb = (path) => `${(statSync(path).size / 1024 / 1024).toFixed(1)} MB`;

  const parsed = (r) => Number(r.stdout);
  const smallRead = report(`parseRoster, 1,020 signups (${mb(small)})`, repeat(15, ['--input-type=module', '-e', READ, small]), parsed);
  const largeRead = report(`parseRoster, 98,000 signups (${mb(large)})`, repeat(5, ['--input-type=module', '-e', READ, large]), parsed);
  report('circle waitlist notify --dry-run, 1,000 waitlisted', repeat(9, [BIN, 'waitlist', 'notify', 'health-outcomes', '--dry-run']));
  report('circle validate, rosters of 1,020 and 98,000 signups', repeat(3, [BIN, 'validate']));
  report('circle signups import, same 100,000 rows again', repeat(3, [BIN, 'signups', 'import', 'making-a-case', 'export.csv']));
  const text = readFileSync(large, 'utf8');
  const edited = text.replace('  - name: Person 500 Example\n', "  - name: 'Person 500 Example'\n");
  if (edited === text) throw new Error('the entry to edit by hand is missing');
  writeFileSync(large, edited);
  const editedRead = report('parseRoster, 98,000 signups, one name in single quotes', repeat(5, ['--input-type=module', '-e', READ, large]), parsed);
  report('circle signups list, same roster', repeat(3, [BIN, 'signups', 'list', 'making-a-case', '--status', 'confirmed']));
  target(`parseRoster of 1,020 signups under 50 ms (${ms(smallRead)})`, smallRead < 50);
  target(`98,000 signups with one hand-edited entry read within 3x of untouched (${(editedRead / largeRead).toFixed(2)}x)`, editedRead / largeRead <= 3);
} finally {
  rmSync(work, { recursive: true, force: true });
}
