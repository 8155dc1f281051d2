import { Chalk, chalkStderr, supportsColor } from 'chalk';

// Colour only on a TTY (chalk checks that), and never when NO_COLOR is set (chalk does not check that).
const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
/** Colour for messages on stderr. */
export const paint = new Chalk({ level: noColor ? 0 : chalkStderr.level });
/** Colour for results on stdout. */
export const paintOut = new Chalk({ level: noColor || !supportsColor ? 0 : supportsColor.level });

export const isInteractive = (): boolean => Boolean(process.stdin.isTTY && process.stderr.isTTY);

export function note(message: string): void {
  process.stderr.write(`${message}\n`);
}

export function warn(message: string): void {
  process.stderr.write(`${paint.yellow('warning:')} ${message}\n`);
}

/** What --json prints: indented, one value, a line end. */
export const jsonText = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

export function printJson(value: unknown): void {
  process.stdout.write(jsonText(value));
}
