import { Chalk, chalkStderr, supportsColor } from 'chalk';
import { DateTime } from 'luxon';
import type { Context, Events, Prompter } from '../context.js';
import { usageError } from '../errors.js';

/*
 * The context of the shipped CLI: the real streams, environment, clock and terminal. Questions go to
 * stderr so stdout stays for results; Ctrl-C makes inquirer reject with ExitPromptError, which the top
 * level turns into a quiet exit 130.
 */

const prompts = { input: process.stdin, output: process.stderr, clearPromptOnDone: false };

const prompter: Prompter = {
  async ask(message, options = {}) {
    const { input } = await import('@inquirer/prompts');
    const answer = await input({ message, ...(options.default !== undefined ? { default: options.default } : {}), ...(options.validate ? { validate: options.validate } : {}) }, prompts);
    return answer.trim();
  },
  async askYesNo(message, defaultValue) {
    const { confirm } = await import('@inquirer/prompts');
    return confirm({ message, default: defaultValue }, prompts);
  },
  async choose(message, choices, defaultValue) {
    const { select } = await import('@inquirer/prompts');
    return select({ message, choices, ...(defaultValue !== undefined ? { default: defaultValue } : {}) }, prompts);
  },
  async askList(message, validate) {
    const items: string[] = [];
    for (;;) {
      const item = await prompter.ask(`${message} (${items.length ? 'another, or ' : ''}empty to finish)`, validate ? { validate: (v) => (v.trim() === '' ? true : validate(v)) } : {});
      if (item === '') return items;
      items.push(item);
    }
  },
};

/** Colour only on a terminal (chalk checks that, and FORCE_COLOR), never under NO_COLOR (chalk does not check that). */
export function colours(env: Context['env']): Context['colour'] {
  const off = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  return { out: new Chalk({ level: off || !supportsColor ? 0 : supportsColor.level }), err: new Chalk({ level: off ? 0 : chalkStderr.level }) };
}

/** Messages while a command works, on stderr (the printer, cli/execute.ts, ends a progress line before the next text). */
export function stderrEvents(stderr: Context['stderr'], colour: Context['colour']): Events {
  const line = (text: string) => stderr.write(`${text}\n`);
  return {
    note: line,
    warn: (text) => line(`${colour.err.yellow('warning:')} ${text}`),
    progress: (text) => {
      if (stderr.isTTY) stderr.write(`\r${colour.err.dim(text)}`);
    },
  };
}

/** An instant: a date, a time and an offset (or Z), so that it means the same everywhere. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * The clock of a run: the real one, or the instant of CIRCLE_NOW (tests, and "what would run on
 * Friday at 09:00?"). A CIRCLE_NOW that is not an instant is refused when the clock is read: the
 * context is also built to report errors, and must not fail there.
 */
export function clockOf(env: Context['env']): () => Date {
  const given = env.CIRCLE_NOW;
  if (given === undefined || given === '') return () => new Date();
  const instant = DateTime.fromISO(given, { setZone: true });
  if (!INSTANT.test(given) || !instant.isValid) {
    return () => {
      throw usageError(`CIRCLE_NOW="${given}" is not an instant with an offset`, 'give a date, a time and an offset or Z, e.g. CIRCLE_NOW=2026-03-06T09:00:00+01:00 or CIRCLE_NOW=2026-03-06T08:00:00Z');
    };
  }
  const fixed = instant.toMillis();
  return () => new Date(fixed);
}

export function processContext(dir: string): Context {
  const colour = colours(process.env);
  const stdout = { write: (text: string) => process.stdout.write(text), isTTY: Boolean(process.stdout.isTTY) };
  const stderr = { write: (text: string) => process.stderr.write(text), isTTY: Boolean(process.stderr.isTTY) };
  return {
    dir,
    cwd: process.cwd(),
    now: clockOf(process.env),
    env: process.env,
    stdin: process.stdin,
    stdout,
    stderr,
    interactive: Boolean(process.stdin.isTTY && process.stderr.isTTY),
    prompter,
    events: stderrEvents(stderr, colour),
    colour,
  };
}
