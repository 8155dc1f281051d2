import { spawn, spawnSync, type ChildProcess, type StdioOptions } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const BIN = join(ROOT, 'bin', 'circle');
const PAUSED = join(ROOT, 'test', 'helpers', 'paused-cli.mjs');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI the way a user would: a child process, no TTY, no colour. */
export function runCli(args: string[], options: { cwd: string; env?: Record<string, string | undefined>; input?: string }): RunResult {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd, encoding: 'utf8', input: options.input ?? '', env });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Starts the built CLI without waiting: for runs at the same time, or a run to kill half-way. */
export function startCli(args: string[], options: { cwd: string; env?: Record<string, string | undefined> }, entry = BIN): { child: ChildProcess; done: Promise<RunResult> } {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  const stdio: StdioOptions = ['ignore', 'pipe', 'pipe', ...(entry === BIN ? [] : ['ipc' as const])];
  const child = spawn(process.execPath, [entry, ...args], { cwd: options.cwd, env, stdio });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<RunResult>((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr })));
  return { child, done };
}

/**
 * Starts the built CLI through paused-cli.mjs and resolves once it holds its roster locks and has
 * read the rosters, where it waits: for a test to kill it there. Fails if the run ends before.
 */
export async function startCliHoldingRosterLock(args: string[], options: { cwd: string }): Promise<{ child: ChildProcess; done: Promise<RunResult> }> {
  const run = startCli(args, options, PAUSED);
  const ended = run.done.then((result) => {
    throw new Error(`circle ${args.join(' ')} ended (exit ${result.code}) before it held the roster lock: ${result.stderr}`);
  });
  ended.catch(() => undefined); // once killed, as intended
  await Promise.race([new Promise((resolve) => run.child.once('message', resolve)), ended]);
  return run;
}

/** runCli without blocking the event loop, for tests whose servers run in the test process. */
export const runCliAsync = (args: string[], options: { cwd: string; env?: Record<string, string | undefined> }): Promise<RunResult> => startCli(args, options).done;

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temp folder, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'circle-test-'));
  temps.push(dir);
  return dir;
}

/** A temp workspace holding a copy of the example circles shipped in circles/ and the schema. */
export function exampleWorkspace(): string {
  const dir = tempDir();
  cpSync(join(ROOT, 'circles'), join(dir, 'circles'), { recursive: true });
  cpSync(join(ROOT, 'schema'), join(dir, 'schema'), { recursive: true });
  return dir;
}

let shared: string | undefined;

/**
 * The built CLI where every user can run it, for tests that run it as another user: the checkout
 * may sit in a folder only its owner can enter (/root under CI). A copy of what the CLI reads at run
 * time (bin, dist, templates, schema, package.json, and iconv-lite, which it loads from
 * node_modules), made once per test file, removed when the process ends.
 */
export function binForAnyUser(): string {
  if (!shared) {
    const copy = mkdtempSync(join(tmpdir(), 'circle-cli-'));
    for (const part of ['bin', 'dist', 'templates', 'schema', 'package.json', 'node_modules/iconv-lite', 'node_modules/safer-buffer']) cpSync(join(ROOT, part), join(copy, part), { recursive: true });
    chmodSync(copy, 0o755);
    process.once('exit', () => rmSync(copy, { recursive: true, force: true }));
    shared = copy;
  }
  return join(shared, 'bin', 'circle');
}
