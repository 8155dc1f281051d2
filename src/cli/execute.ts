import type { Command } from 'commander';
import type { CommandModule, Context, Events, Outcome, Shown } from '../context.js';
import { EXIT } from '../errors.js';
import { readingOnce } from '../workspace/read-once.js';
import { read, type Read, type Specs } from './options.js';

/*
 * The one place that runs a command and prints what it returned: the command's `present` text, or
 * under --json its result as JSON. Commands never print their result or exit themselves.
 */

/** How the caller of `main` supplies streams and the context of a run. */
export interface Session {
  stdout: Context['stdout'];
  stderr: Context['stderr'];
  /** The context for a workspace folder, built when a command runs (so `--help` loads nothing else). */
  context(dir: string): Promise<Context>;
  /** The exit code the command's outcome asks for. */
  exitCode: number;
}

const sessions = new WeakMap<Command, Session>();

export function attach(program: Command, session: Session): void {
  sessions.set(program, session);
}

function sessionOf(command: Command): Session {
  let root = command;
  while (root.parent) root = root.parent;
  const session = sessions.get(root);
  if (!session) throw new Error(`command ${command.name()} runs outside main()`);
  return session;
}

export const jsonText = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

function print(session: Session, shown: Shown): void {
  if (shown.out) session.stdout.write(shown.out);
  if (shown.err) session.stderr.write(shown.err);
}

/**
 * A progress line (`sending 3/27`) is left open on a terminal so that the next one replaces it.
 * Whatever reaches stderr after it starts on a line of its own: a note, a warning, the result's
 * text, or the error that stopped the run. `end` closes a line left open.
 */
function progressLine(context: Context): { context: Context; end: () => void } {
  let open = false;
  const end = () => {
    if (open) context.stderr.write('\n');
    open = false;
  };
  // A warning is said once per command: each mail step of `circle run` finds CIRCLE_SECRET unset.
  const warned = new Set<string>();
  const events: Events = {
    note: (text) => {
      end();
      context.events.note(text);
    },
    warn: (text) => {
      if (warned.has(text)) return;
      warned.add(text);
      end();
      context.events.warn(text);
    },
    progress: (text) => {
      context.events.progress(text);
      // Off a terminal progress writes nothing.
      open = context.stderr.isTTY;
    },
  };
  return { context: { ...context, events }, end };
}

/**
 * A commander action for a command module: reads the options of `specs` typed, adds the positional
 * arguments (`args` names them in order), runs, prints, and records the exit code.
 */
export function runs<S extends Specs, A extends Record<string, unknown>, R extends Outcome>(
  specs: S,
  load: () => Promise<CommandModule<Read<S> & A, R>>,
  args: (positional: unknown[]) => A = () => ({}) as A,
) {
  return async (...given: unknown[]): Promise<void> => {
    const command = given.at(-1) as Command;
    const session = sessionOf(command);
    const { dir, ...options } = read(command, specs);
    const all = { ...options, ...args(given.slice(0, -2)) } as Read<S> & A;
    const [module, built] = await Promise.all([load(), session.context(dir)]);
    const { context, end } = progressLine(built);
    // One command: what it reads it reads once (src/workspace/read-once.ts).
    const result = await readingOnce(() => module.run(all, context)).finally(end);
    const json = 'json' in all && all.json === true;
    const shown = module.present(result, { json, colour: context.colour, cwd: context.cwd });
    print(session, json ? { out: jsonText(module.json ? module.json(result) : result), ...(shown.err ? { err: shown.err } : {}) } : shown);
    session.exitCode = result.ok ? EXIT.ok : EXIT.invalid;
  };
}
