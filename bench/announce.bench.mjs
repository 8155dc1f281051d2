// `circle announce` as a user starts it, against the example workspace, next to `circle --help`.
import { BIN, ms, timeCommand } from './timing.mjs';

const node = process.execPath;
const cases = [
  ['circle --help', [node, BIN, '--help']],
  ['circle announce (markdown, en)', [node, BIN, 'announce']],
  ['circle announce --lang es --format html --tz 3 zones', [node, BIN, 'announce', '--lang', 'es', '--format', 'html', '--tz', 'America/Bogota,Africa/Johannesburg,Asia/Manila']],
  ['circle announce health-outcomes --format text', [node, BIN, 'announce', 'health-outcomes', '--format', 'text']],
];
for (const [name, args] of cases) {
  const { median, min } = timeCommand(args);
  process.stdout.write(`${name.padEnd(56)} median ${ms(median)}  min ${ms(min)}\n`);
}
