import { Command, CommanderError, Option } from 'commander';
import { withContext, type Context } from './context.js';
import { declareMail } from './cli/mail.js';
import { choice, collectList, declare, examples, flag, list, read, shared, spec, text, withDefault } from './cli/options.js';
import { declareSignups } from './cli/signups.js';
import { CircleError, EXIT, isCancelled } from './errors.js';
import { VERSION } from './package.js';

/*
 * Declares commands, options, help and examples only (the signups and mail commands in cli/). Each
 * action imports its command module when it runs, so `circle --help` loads nothing else.
 */

export function buildProgram(): Command {
  const program: Command = new Command('circle')
    .description('Run learning circles: circle files, announcements, calendar invites, signups and waitlists.')
    .version(VERSION, '-v, --version')
    .option('-C, --dir <path>', 'workspace folder, the one that holds circles/', '.')
    .showSuggestionAfterError()
    .exitOverride()
    // Every command's help shows the options of circle itself (-C), not those of a parent command.
    .configureHelp({ sortSubcommands: false, showGlobalOptions: true, visibleGlobalOptions: (command: Command): Option[] => (command === program ? [] : program.options.filter((option) => !option.hidden)) });
  program.addHelpText('after', examples(['circle init my-circles', 'circle add', 'circle validate', 'circle list --json', 'circle -C ../lift list']));

  const initSpecs = {
    series: withDefault(shared.series('slug of the first series'), 'my-circles'),
    name: withDefault(text('--name <name>', 'name of the first series'), 'My Learning Circles'),
    timezone: withDefault(text('--timezone <zone>', 'default time zone of the series (IANA name or GMT)'), 'GMT'),
    organizerName: text('--organizer-name <name>', 'who invitations and mail come from (asked on a terminal; without it, none: mail uses CIRCLE_FROM)'),
    organizerEmail: text('--organizer-email <email>', 'address invitations and mail come from'),
    mailingListUrl: text('--mailing-list-url <url>', 'link where people sign up for news of the series (asked on a terminal; without it, none)'),
    uidDomain: text('--uid-domain <domain>', "domain of calendar invitation UIDs (asked on a terminal; default: the organizer's domain, else one made for this workspace)"),
    dryRun: shared.dryRun('list the files it would write, write nothing'),
  };
  declare(
    program
      .command('init')
      .description('create a workspace: circles/ with a series and an example circle, the schema, a .gitignore')
      .summary('create a workspace for your circles')
      .argument('[dir]', 'folder to create the workspace in', '.'),
    initSpecs,
  )
    .addHelpText(
      'after',
      examples([
        'circle init lift',
        'circle init --series lift --name "Lift Learning Circles" --timezone Europe/London \\\n      --organizer-name "Lift Learning Circles" --organizer-email circles@example.org',
      ]),
    )
    .action(async (dir: string, _options: unknown, command: Command) => {
      const { init } = await import('./commands/init.js');
      await init({ ...read(command, initSpecs), target: dir });
    });

  const addSpecs = {
    id: text('--id <slug>', 'id and file name (default: a slug of the title)'),
    series: shared.series('series of the circle (needed when the workspace has several)'),
    number: text('--number <n>', 'number in the series (default: the next one)'),
    title: text('--title <text>', 'title of the session'),
    summary: text('--summary <text>', 'what the session is about'),
    topic: list('--topic <text>', 'a "We will cover" item (repeatable)'),
    lang: shared.lang('language the session is held in'),
    hostName: text('--host-name <name>', 'name of the host'),
    hostOrg: text('--host-org <org>', 'organisation of the host'),
    hostEmail: text('--host-email <email>', 'email of the host (replies go there)'),
    instigator: list('--instigator <"name|org|role">', 'an instigator, fields separated by | (repeatable)'),
    start: text('--start <date-time>', 'local start: 2019-12-04T12:00, "2019-12-4 9:30", "4 Dec 2019 2pm", "4 diciembre 2019 14h" (4/12/2019 only when it reads one way)'),
    end: text('--end <time>', 'local end: 13:15, 1:15pm, 13h15 (same day) or a date and time'),
    duration: text('--duration <length>', 'length instead of end: 75m, 1h15m or PT1H15M'),
    timezone: text('--timezone <zone>', "IANA time zone (default: the series')"),
    capacity: text('--capacity <seats>', 'seats (default 20)'),
    recorded: spec('flag', new Option('--recorded', 'the session is recorded (the default)'), new Option('--no-recorded', 'the session is not recorded')),
    reminder: text('--reminder <length>', "calendar reminder before the session (default: the series')"),
    platform: text('--platform <name>', 'public name of the meeting platform, e.g. Zoom'),
    meetingUrl: text('--meeting-url <url>', 'meeting link (only confirmed people see it)'),
    signupUrl: text('--signup-url <url>', 'sign-up form link'),
    organizerName: text('--organizer-name <name>', "who invitations and mail come from (default: the series')"),
    organizerEmail: text('--organizer-email <email>', 'address invitations and mail come from'),
    esTitle: text('--es-title <text>', 'Spanish title (for a circle held in English)'),
    esSummary: text('--es-summary <text>', 'Spanish summary'),
    esTopic: list('--es-topic <text>', 'Spanish topic (repeatable)'),
    enTitle: text('--en-title <text>', 'English title (for a circle held in Spanish)'),
    enSummary: text('--en-summary <text>', 'English summary'),
    enTopic: list('--en-topic <text>', 'English topic (repeatable)'),
    yes: shared.yes('on a terminal, write without showing the file first'),
    dryRun: shared.dryRun('print the circle file, write nothing'),
  };
  declare(
    program
      .command('add')
      .description('write a new circle file, asking for each field on a terminal or taking them all as flags')
      .summary('write a new circle file'),
    addSpecs,
  )
    .addHelpText(
      'after',
      '\nOn a terminal it asks for what the flags leave out, then shows the file: write it, change a field, or quit,\nwhich prints the `circle add` command that writes it later without asking.',
    )
    .addHelpText(
      'after',
      examples([
        'circle add',
        'circle add --title "Map your existing system to the OCDS" --start 2019-12-16T10:00 --end 11:15 \\\n      --host-name "David Opoku" --host-org "Open Contracting Partnership" --instigator "OC Helpdesk" --topic "Field mapping template"',
        'circle add --series lift --title "Supplier engagement" --start 2019-11-21T13:00 --duration 1h15m --host-name "Hera Hussain" --dry-run',
        'circle add --title "Salud y contratación" --lang es --start "4 diciembre 2019 9h30" --end 10h45 --host-name "Ana García"',
      ]),
    )
    .action(async (_options: unknown, command: Command) => {
      const { add } = await import('./commands/add.js');
      const { lang, ...rest } = read(command, addSpecs);
      await add({ ...rest, ...(lang !== undefined ? { language: lang } : {}) });
    });

  const validateSpecs = { strict: flag('--strict', 'warnings fail too'), json: shared.json('print the problems as JSON') };
  declare(
    program
      .command('validate')
      .description('check every series and circle file and report all problems as file:line:col')
      .summary('check the circle files and report every problem')
      .argument('[paths...]', 'files or folders to check (default: all of circles/)'),
    validateSpecs,
  )
    .addHelpText('after', examples(['circle validate', 'circle validate circles/making-a-case.yaml', 'circle validate --strict --json']))
    .action(async (paths: string[], _options: unknown, command: Command) => {
      const { validate } = await import('./commands/validate.js');
      process.exitCode = await validate({ ...read(command, validateSpecs), paths });
    });

  const listSpecs = { series: shared.series('only the circles of this series'), json: shared.json('print the circles as JSON') };
  declare(program.command('list').description('list the circles by start time, with seats taken and waitlist length').summary('list the circles with seats taken and waitlist'), listSpecs)
    .addHelpText('after', examples(['circle list', 'circle list --series lift --json']))
    .action(async (_options: unknown, command: Command) => {
      const { list } = await import('./commands/list.js');
      await list(read(command, listSpecs));
    });

  const announceSpecs = {
    series: shared.series('series to announce (needed when the workspace has several)'),
    lang: shared.lang("language (default: the circles' own for a reminder, English for a series)"),
    format: withDefault(choice('--format <format>', 'output format', ['text', 'markdown', 'html'] as const), 'markdown'),
    tz: spec(
      'list-or-off',
      new Option('--tz <zones>', "extra time zones, comma-separated IANA names (default: the series' extra_timezones)").argParser(collectList),
      new Option('--no-tz', "show each circle's own time zone only"),
    ),
    out: shared.out('file', 'write to this file instead of stdout'),
    json: shared.json('print subject, body and details as JSON'),
  };
  declare(
    program
      .command('announce')
      .description('write the announcement of a series, or a reminder of some circles, in English or Spanish')
      .summary('write an announcement in English or Spanish')
      .argument('[ids...]', 'circles for a reminder (default: the whole series)'),
    announceSpecs,
  )
    .addHelpText(
      'after',
      examples([
        'circle announce > announcement.md',
        'circle announce --lang es --format html --out anuncio.html',
        'circle announce --tz America/Bogota,Africa/Johannesburg,Asia/Manila --format text',
        'circle announce health-outcomes --lang es',
        'circle announce --series lift --json',
      ]),
    )
    .action(async (ids: string[], _options: unknown, command: Command) => {
      const { announce } = await import('./commands/announce.js');
      await announce({ ...read(command, announceSpecs), ids });
    });

  const invitesSpecs = {
    out: shared.out('dir', 'folder for the .ics files (default: invites/ in the workspace)'),
    feed: flag('--feed', 'also write <series>.ics with every circle of the series'),
    lang: shared.lang("language of the text (default: each circle's)"),
    json: shared.json("print the files and each event's UID and SEQUENCE as JSON"),
    dryRun: shared.dryRun('show what would be written, write nothing (the published state included)'),
  };
  const invites = declare(
    program
      .command('invites')
      .description('write a calendar file (.ics) for each circle, and with --feed one per series to subscribe to')
      .summary('write calendar files; `invites send` mails them')
      .argument('[ids...]', 'circles to write (default: all)'),
    invitesSpecs,
  )
    .addHelpText(
      'after',
      examples(['circle invites', 'circle invites making-a-case --lang es', 'circle invites --feed --out public/calendar', 'circle invites --dry-run --json']),
    )
    .action(async (ids: string[], _options: unknown, command: Command) => {
      const { invites } = await import('./commands/invites.js');
      await invites({ ...read(command, invitesSpecs), ids });
    });

  declareSignups(program);
  declareMail(program, invites);

  return program;
}

/** The one place that turns errors into messages and exit codes. */
export async function main(argv: string[], context: Context = {}): Promise<void> {
  // `circle list | head` closes the pipe early: the reader has what it wanted, so stop quietly.
  process.stdout.on('error', (cause: NodeJS.ErrnoException) => {
    if (cause.code !== 'EPIPE') throw cause;
    process.exit(process.exitCode ?? 0);
  });
  try {
    await withContext(context, () => buildProgram().parseAsync(argv));
  } catch (cause) {
    process.exitCode = await report(cause);
  }
}

async function report(cause: unknown): Promise<number> {
  if (cause instanceof CommanderError) {
    // Commander has printed its message already; help and --version are not errors.
    return cause.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (isCancelled(cause)) return EXIT.cancelled;
  const { paint } = await import('./ui/terminal.js');
  if (cause instanceof CircleError) {
    process.stderr.write(`${paint.red('error:')} ${cause.message}\n`);
    if (cause.hint) process.stderr.write(`  ${paint.dim('hint:')} ${cause.hint}\n`);
    return cause.exitCode;
  }
  // A file the disk or the system refused, anywhere: worded with its path and fix, never "a bug".
  const { systemError } = await import('./workspace/file-errors.js');
  const refused = systemError(cause);
  if (refused) return report(refused);
  const detail = process.env.DEBUG ? (cause as Error)?.stack ?? String(cause) : String((cause as Error)?.message ?? cause);
  process.stderr.write(`${paint.red('internal error:')} ${detail}\n`);
  process.stderr.write('  this is a bug in circle; run again with DEBUG=1 for the stack trace and report it\n');
  return EXIT.invalid;
}
