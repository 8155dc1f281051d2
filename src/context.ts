import type { ChalkInstance } from 'chalk';

/*
 * What a command needs from outside the command line, handed in by its caller: the shipped CLI
 * builds it from the process (cli/process-context.ts), tests build one with captured output, a
 * fixed clock and scripted answers. Nothing in a command reaches for `process` itself.
 */

/** Where text goes, and whether a person reads it on a terminal. */
export interface Output {
  write(text: string): unknown;
  readonly isTTY: boolean;
}

type Check = (value: string) => true | string;

/** Every question the tool asks a person. Only asked when `interactive`. */
export interface Prompter {
  ask(message: string, options?: { default?: string; validate?: Check }): Promise<string>;
  askYesNo(message: string, defaultValue: boolean): Promise<boolean>;
  choose<T extends string>(message: string, choices: Array<{ value: T; name: string }>, defaultValue?: T): Promise<T>;
  /** Asks until an empty answer; each item is checked as it is given. */
  askList(message: string, validate?: Check): Promise<string[]>;
}

/** What a person should see while a command works (waits, recoveries, progress): shown on stderr as it happens. */
export interface Events {
  note(text: string): void;
  warn(text: string): void;
  /** A line that the next progress line replaces on a terminal (`sending 3/27`); nothing elsewhere. */
  progress(text: string): void;
}

export interface Context {
  /** The workspace folder: the one that holds circles/ (`-C`). */
  dir: string;
  /** Where paths the user typed start from. */
  cwd: string;
  /** The clock every "now" reads. */
  now(): Date;
  /** The environment a command may read (SMTP settings, CIRCLE_FROM, DEBUG). */
  env: Readonly<Record<string, string | undefined>>;
  stdin: NodeJS.ReadableStream;
  stdout: Output;
  stderr: Output;
  /** Questions can be asked: stdin and stderr are terminals. */
  interactive: boolean;
  prompter: Prompter;
  events: Events;
  /** Colours for stdout and stderr: none off a terminal or under NO_COLOR. */
  colour: { out: ChalkInstance; err: ChalkInstance };
  /** Awaited once a roster command holds its roster locks and has read the rosters (a test kills the run there). */
  afterRosterLock?: () => Promise<void>;
}

/** What a command returns: its result, and whether it did all it was asked (exit 0) or not (exit 1). */
export interface Outcome {
  readonly ok: boolean;
}

/** The text of a result: `out` for stdout, `err` for stderr. */
export interface Shown {
  out?: string;
  err?: string;
}

export interface Style {
  json: boolean;
  colour: Context['colour'];
  cwd: string;
}

/** A command: `run` does the work and returns data; `present` turns it into text; `json` is what --json prints (the result itself when absent). */
export interface CommandModule<O, R extends Outcome> {
  run: (options: O, context: Context) => Promise<R>;
  present: (result: R, style: Style) => Shown;
  json?: (result: R) => unknown;
}
