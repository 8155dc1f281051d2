import { Command, CommanderError, Option } from 'commander';
import type { Context } from './context.js';
import { COMMANDS } from './cli/commands.js';
import { attach, type Session } from './cli/execute.js';
import { examples } from './cli/options.js';
import { CircleError, EXIT, isCancelled } from './errors.js';
import { Refused } from './failure.js';
import { VERSION } from './package.js';

/*
 * The program and its one error handler. The commands are declared in cli/ (the table is
 * cli/commands.ts); each action imports its command module when it runs, so `circle --help` loads
 * nothing else.
 */

export function buildProgram(streams: Pick<Session, 'stdout' | 'stderr'>): Command {
  const program: Command = new Command('circle')
    .description('Run learning circles: circle files, announcements, calendar invites, signups and waitlists.')
    .version(VERSION, '-v, --version')
    .option('-C, --dir <path>', 'workspace folder, the one that holds circles/', '.')
    .showSuggestionAfterError()
    .exitOverride()
    // Every command's help shows the options of circle itself (-C), not those of a parent command.
    .configureHelp({ sortSubcommands: false, showGlobalOptions: true, visibleGlobalOptions: (command: Command): Option[] => (command === program ? [] : program.options.filter((option) => !option.hidden)) });
  // Before the commands are declared: each copies the program's output settings when it is made.
  program.configureOutput({ writeOut: (text) => streams.stdout.write(text), writeErr: (text) => streams.stderr.write(text) });
  program.addHelpText('after', examples(['circle init my-circles', 'circle add', 'circle validate', 'circle list --json', 'circle -C ../lift list']));

  for (const declareGroup of COMMANDS) declareGroup(program);
  return program;
}

/**
 * Parses `argv` and runs the command it names, with the streams and context `session` supplies.
 * Returns the exit code; the one place that turns errors into messages and exit codes.
 */
export async function main(argv: string[], session: Omit<Session, 'exitCode'>): Promise<number> {
  const running: Session = { ...session, exitCode: EXIT.ok };
  const program = buildProgram(session);
  attach(program, running);
  try {
    await program.parseAsync(argv);
    return running.exitCode;
  } catch (cause) {
    return report(cause, running);
  }
}

/** The shipped CLI: the real process. `extra` lets a test entry pause a run (see test/helpers/paused-cli.mjs). */
export async function cli(argv: string[], extra: Partial<Context> = {}): Promise<void> {
  // `circle list | head` closes the pipe early: the reader has what it wanted, so stop quietly.
  process.stdout.on('error', (cause: NodeJS.ErrnoException) => {
    if (cause.code !== 'EPIPE') throw cause;
    process.exit(process.exitCode ?? 0);
  });
  process.exitCode = await main(argv, {
    stdout: { write: (text) => process.stdout.write(text), isTTY: Boolean(process.stdout.isTTY) },
    stderr: { write: (text) => process.stderr.write(text), isTTY: Boolean(process.stderr.isTTY) },
    context: async (dir) => ({ ...(await import('./cli/process-context.js')).processContext(dir), ...extra }),
  });
}

async function report(cause: unknown, session: Session): Promise<number> {
  if (cause instanceof CommanderError) {
    // Commander has printed its message already; help and --version are not errors.
    return cause.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (isCancelled(cause)) return EXIT.cancelled;
  const { colour, env } = await session.context('.');
  const paint = colour.err;
  const write = (text: string) => session.stderr.write(text);
  if (cause instanceof Refused) return report(new CircleError(cause.failure.message, cause.failure.kind === 'usage' ? EXIT.usage : EXIT.invalid, cause.failure.hint), session);
  if (cause instanceof CircleError) {
    write(`${paint.red('error:')} ${cause.message}\n`);
    if (cause.hint) write(`  ${paint.dim('hint:')} ${cause.hint}\n`);
    return cause.exitCode;
  }
  // A file the disk or the system refused, anywhere: worded with its path and fix, never "a bug".
  const { systemError } = await import('./workspace/file-errors.js');
  const refused = systemError(cause);
  if (refused) return report(refused, session);
  const detail = env.DEBUG ? (cause as Error)?.stack ?? String(cause) : String((cause as Error)?.message ?? cause);
  write(`${paint.red('internal error:')} ${detail}\n`);
  write('  this is a bug in circle; run again with DEBUG=1 for the stack trace and report it\n');
  return EXIT.invalid;
}
