import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

/* The shape the code keeps: commands are thin and never touch the process; domain code never speaks CLI. */

const SRC = join(ROOT, 'src');
const files = (readdirSync(SRC, { recursive: true }) as string[]).filter((name) => name.endsWith('.ts')).map((name) => name.replaceAll('\\', '/'));
const text = (name: string) => readFileSync(join(SRC, name), 'utf8');
const isCommand = (name: string) => name.startsWith('commands/');
const isCli = (name: string) => name === 'cli.ts' || name.startsWith('cli/') || name === 'errors.ts' || name.startsWith('scripts/');

describe('the layers of src/', () => {
  it('no command reaches for the process: streams, env, clock and terminal come from its context', () => {
    const offenders = files.filter(isCommand).filter((name) => /\bprocess\.|console\./.test(text(name)));
    expect(offenders).toEqual([]);
  });

  it('domain code never throws or inspects CLI errors: it returns or throws failures', () => {
    const offenders = files.filter((name) => !isCommand(name) && !isCli(name)).filter((name) => /\/errors\.js'|CircleError|usageError|inputError/.test(text(name)));
    expect(offenders).toEqual([]);
  });

  it('no command module is over about 100 lines', () => {
    const long = files.filter(isCommand).map((name) => ({ name, lines: text(name).split('\n').length })).filter(({ lines }) => lines > 115);
    expect(long).toEqual([]);
  });

  it('only the CLI layer prints: nothing else imports the terminal or the prompts', () => {
    expect(files.filter((name) => /ui\/(terminal|prompt)\.js'/.test(text(name))).map((name) => relative('.', name))).toEqual([]);
  });
});
