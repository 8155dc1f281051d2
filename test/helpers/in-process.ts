import { Readable } from 'node:stream';
import { Chalk } from 'chalk';
import { main } from '../../src/cli.js';
import type { Context, Prompter } from '../../src/context.js';
import { stderrEvents } from '../../src/cli/process-context.js';
import type { RunResult } from './cli.js';

export interface InProcess {
  cwd: string;
  env?: Record<string, string | undefined>;
  input?: string;
  /** The clock (default: the real one). */
  now?: Date;
  /** Answers to the questions asked, in order; given, the run is on a "terminal". */
  answers?: Array<string | boolean>;
  /** stderr is a terminal, with no questions asked (implied by `answers`). */
  terminal?: boolean;
  afterRosterLock?: () => Promise<void>;
}

/** Questions answered from a script; a question with no answer left fails the test, naming it. */
function scripted(answers: Array<string | boolean>, asked: string[]): Prompter {
  const next = (message: string) => {
    asked.push(message);
    if (answers.length === 0) throw new Error(`unexpected question: ${message}`);
    return answers.shift()!;
  };
  const prompter: Prompter = {
    ask: async (message, options = {}) => {
      const answer = String(next(message));
      const given = answer === '' && options.default !== undefined ? options.default : answer;
      const verdict = options.validate?.(given) ?? true;
      if (verdict !== true) throw new Error(`answer "${given}" to "${message}" refused: ${verdict}`);
      return given.trim();
    },
    askYesNo: async (message) => next(message) === true,
    choose: async (message, choices) => {
      const answer = String(next(message));
      const found = choices.find((c) => c.value === answer || c.name === answer);
      if (!found) throw new Error(`"${answer}" is not a choice of "${message}": ${choices.map((c) => c.value).join(', ')}`);
      return found.value;
    },
    askList: async (message, validate) => {
      const items: string[] = [];
      for (let item = await prompter.ask(message, validate ? { validate } : {}); item !== ''; item = await prompter.ask(message)) items.push(item);
      return items;
    },
  };
  return prompter;
}

/**
 * Runs a command inside the test process, as `circle <args>` typed in `cwd`: captured output, no
 * colour, and no terminal unless answers are scripted or `terminal` is set. The same result shape as runCli.
 */
export async function circle(args: string[], options: InProcess): Promise<RunResult & { asked: string[] }> {
  let stdout = '';
  let stderr = '';
  const asked: string[] = [];
  const interactive = options.answers !== undefined;
  const out = { write: (text: string) => (stdout += text), isTTY: false };
  const err = { write: (text: string) => (stderr += text), isTTY: interactive || options.terminal === true };
  const colour = { out: new Chalk({ level: 0 }), err: new Chalk({ level: 0 }) };
  const env = { ...process.env, NO_COLOR: '1', ...options.env };
  const context = async (dir: string): Promise<Context> => ({
    dir,
    cwd: options.cwd,
    now: () => options.now ?? new Date(),
    env,
    stdin: Readable.from([options.input ?? '']),
    stdout: out,
    stderr: err,
    interactive,
    prompter: scripted([...(options.answers ?? [])], asked),
    events: stderrEvents(err, colour),
    colour,
    ...(options.afterRosterLock ? { afterRosterLock: options.afterRosterLock } : {}),
  });
  // Relative paths (-C, --out, files) start where the user typed them, as in a shell.
  await enter(options.cwd);
  try {
    const code = await main(['node', 'circle', ...args], { stdout: out, stderr: err, context });
    return { code, stdout, stderr, asked };
  } finally {
    leave();
  }
}

/*
 * The working folder is the process's: runs in one folder may overlap (two runs at once), a run in
 * another folder waits for them. A run left going by a timed-out test must not move the next test's
 * folder (it once wrote a rosters/ folder into the checkout).
 */
let holder: { cwd: string; before: string; runs: number; done: Promise<void>; free: () => void } | undefined;

async function enter(cwd: string): Promise<void> {
  while (holder && holder.cwd !== cwd) await holder.done;
  if (!holder) {
    let free = () => {};
    const done = new Promise<void>((resolve) => (free = resolve));
    holder = { cwd, before: process.cwd(), runs: 0, done, free };
    process.chdir(cwd);
  }
  holder.runs++;
}

function leave(): void {
  if (!holder || --holder.runs > 0) return;
  const { before, free } = holder;
  holder = undefined;
  process.chdir(before);
  free();
}
