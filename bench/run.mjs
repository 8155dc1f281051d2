// `npm run bench [word...]`: builds nothing itself (the npm script builds first), then runs every
// bench/*.bench.mjs (or those whose name holds a word) in turn against the built CLI; each prints
// its figures, its targets and whether it met them, and exits 1 when it missed one.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const folder = new URL('./', import.meta.url).pathname;
const only = process.argv.slice(2);
const benches = readdirSync(folder)
  .filter((name) => name.endsWith('.bench.mjs'))
  .filter((name) => only.length === 0 || only.some((word) => name.includes(word)))
  .sort();
const missed = [];
for (const name of benches) {
  process.stdout.write(`\n## ${name}\n`);
  const result = spawnSync(process.execPath, [`${folder}${name}`], { stdio: 'inherit' });
  if (result.status !== 0) missed.push(name);
}
process.stdout.write(`\n${missed.length ? `missed a target or failed: ${missed.join(', ')}` : 'every target met'}\n`);
process.exitCode = missed.length ? 1 : 0;
