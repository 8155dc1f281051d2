// Shared by the benchmarks: wall-clock timing of whole commands of the built CLI (bin/circle and
// dist/, as `npm run build` makes them), as a user starts them, and the verdict on each target.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = new URL('../', import.meta.url).pathname;
export const BIN = `${ROOT}bin/circle`;

const median = (times) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];

function once(args, cwd, env) {
  const started = process.hrtime.bigint();
  const result = spawnSync(args[0], args.slice(1), { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Median and min of `runs` executions of a command, in milliseconds; fails loudly if it fails. */
export function timeCommand(args, { runs = 15, cwd = ROOT, env = process.env } = {}) {
  const times = Array.from({ length: runs }, () => once(args, cwd, env));
  return { median: median(times), min: Math.min(...times) };
}

/**
 * Median and min of each command, run in turns (a, b, a, b, ...) so that other work on the machine
 * weighs on all of them alike: for a ratio of two commands.
 */
export function timeInTurns(commands, { runs = 15, cwd = ROOT, env = process.env } = {}) {
  const times = commands.map(() => []);
  for (let i = 0; i < runs; i++) commands.forEach((args, k) => times[k].push(once(args, cwd, env)));
  return times.map((list) => ({ median: median(list), min: Math.min(...list) }));
}

export const ms = (value) => `${value.toFixed(1)} ms`;

/** Prints a target and whether the figure met it; a missed target makes the benchmark exit 1. */
export function target(text, met) {
  console.log(`target: ${text}: ${met ? 'met' : 'MISSED'}`);
  if (!met) process.exitCode = 1;
}

/**
 * The file:// URL of the dist/ chunk that holds `source` (a path under src/), found through the
 * chunks' source maps: for a benchmark of one function, as the built CLI loads it.
 */
export function builtModule(source) {
  const chunks = join(ROOT, 'dist', 'chunks');
  const found = readdirSync(chunks)
    .filter((name) => name.endsWith('.js.map'))
    .filter((name) => JSON.parse(readFileSync(join(chunks, name), 'utf8')).sources.some((path) => path.endsWith(`/${source}`)));
  if (found.length !== 1) throw new Error(`${source} is in ${found.length} chunks of dist/, not one: run npm run build`);
  return pathToFileURL(join(chunks, found[0].slice(0, -'.map'.length))).href;
}
