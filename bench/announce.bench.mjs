// `circle announce` as a user starts it, against the example workspace (4 circles), next to
// `circle --help`, all run in turns. Target: each announcement under 500 ms (median).
import { BIN, ms, target, timeInTurns } from './timing.mjs';

const node = process.execPath;
const cases = [
  ['circle --help', [node, BIN, '--help']],
  ['circle announce (markdown, en)', [node, BIN, 'announce']],
  ['circle announce --lang es --format html --tz 3 zones', [node, BIN, 'announce', '--lang', 'es', '--format', 'html', '--tz', 'America/Bogota,Africa/Johannesburg,Asia/Manila']],
  ['circle announce health-outcomes --format text', [node, BIN, 'announce', 'health-outcomes', '--format', 'text']],
];
const times = timeInTurns(cases.map(([, args]) => args));
cases.forEach(([name], i) => process.stdout.write(`${name.padEnd(56)} median ${ms(times[i].median)}  min ${ms(times[i].min)}\n`));
const slowest = Math.max(...times.slice(1).map((t) => t.median));
target(`every circle announce under 500 ms (slowest median ${ms(slowest)})`, slowest < 500);
