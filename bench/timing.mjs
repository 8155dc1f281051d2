// Shared by the benchmarks: wall-clock timing of whole commands, as a user starts them.
import { spawnSync } from 'node:child_process';

export const ROOT = new URL('../', import.meta.url).pathname;
export const BIN = `${ROOT}bin/circle`;

/** Median and min of `runs` executions of a command, in milliseconds; fails loudly if it fails. */
export function timeCommand(args, { runs = 15, cwd = ROOT, env = process.env } = {}) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    const result = spawnSync(args[0], args.slice(1), { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], min: times[0] };
}

export const ms = (value) => `${value.toFixed(1)} ms`;
