import { Command, CommanderError, Option } from 'commander';
import { withContext, type Context } from './context.js';
import { CircleError, EXIT, isCancelled } from './errors.js';
import { VERSION } from './package.js';

/*
 * Declares commands, options, help and examples only. Each action imports its command module
 * when it runs, so `circle --help` loads nothing else.
 */

const examples = (lines: string[]) => `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`;
const collect = (value: string, previous: string[] = []) => [...previous, value];

type Globals = { dir: string };

/** The options of every command that sends mail. SMTP settings come from the environment only. */
function mailOptions(command: Command): Command {
  return command
    .option('--all', 'every circle of the workspace')
    // Each of these replaces sending in its own way: given together, one would be silently ignored.
    .addOption(new Option('--dry-run', 'list who would get what; send nothing').conflicts(['preview', 'testTo']))
    .addOption(new Option('--preview <dir>', 'write each message as an .eml file to open in a mail client; send nothing').conflicts('testTo'))
    .option('--test-to <address>', 'send one sample of each kind, in English and in Spanish, to this address only')
    .addOption(new Option('--lang <lang>', 'only this language for the --test-to samples').choices(['en', 'es']))
    .option('--resend-unconfirmed', 'send again messages whose delivery was never confirmed')
    .option('--retry-failed', 'send again messages the server refused for good')
    .option('--rate <n/s>', "at most n messages a second, for a provider's limits")
    .option('-y, --yes', 'send without asking to confirm')
    .option('--json', 'print the results as JSON')
    .addHelpText('after', '\nSMTP settings come from the environment: CIRCLE_SMTP_URL=smtp://user:password@host:587 (smtps:// for TLS),\nCIRCLE_FROM="Name <address>" when neither circle nor series has an organizer, CIRCLE_SMTP_INSECURE_TLS=1 for a self-signed server.');
}
const globals = (command: Command) => command.optsWithGlobals<Globals>();

export function buildProgram(): Command {
  const program = new Command('circle')
    .description('Run learning circles: circle files, announcements, calendar invites, signups and waitlists.')
    .version(VERSION, '-v, --version')
    .option('-C, --dir <path>', 'workspace folder, the one that holds circles/', '.')
    .showSuggestionAfterError()
    .exitOverride()
    .configureHelp({ sortSubcommands: false });
  program.addHelpText('after', examples(['circle init my-circles', 'circle add', 'circle validate', 'circle list --json', 'circle -C ../lift list']));

  program
    .command('init')
    .description('create a workspace: circles/ with a series and an example circle, the schema, a .gitignore')
    .summary('create a workspace for your circles')
    .argument('[dir]', 'folder to create the workspace in', '.')
    .option('--series <slug>', 'slug of the first series', 'my-circles')
    .option('--name <name>', 'name of the first series', 'My Learning Circles')
    .option('--timezone <zone>', 'default time zone of the series (IANA name or GMT)', 'GMT')
    .option('--organizer-name <name>', 'who invitations and mail come from (asked on a terminal; without it, none: mail uses CIRCLE_FROM)')
    .option('--organizer-email <email>', 'address invitations and mail come from')
    .option('--mailing-list-url <url>', 'link where people sign up for news of the series (asked on a terminal; without it, none)')
    .option('--uid-domain <domain>', "domain of calendar invitation UIDs (asked on a terminal; default: the organizer's domain, else one made for this workspace)")
    .option('--dry-run', 'list the files it would write, write nothing')
    .addHelpText(
      'after',
      examples([
        'circle init lift',
        'circle init --series lift --name "Lift Learning Circles" --timezone Europe/London \\\n      --organizer-name "Lift Learning Circles" --organizer-email circles@example.org',
      ]),
    )
    .action(async (dir: string, options, command: Command) => {
      const { init } = await import('./commands/init.js');
      await init({ ...globals(command), ...options, target: dir });
    });

  program
    .command('add')
    .description('write a new circle file, asking for each field on a terminal or taking them all as flags')
    .summary('write a new circle file')
    .option('--id <slug>', 'id and file name (default: a slug of the title)')
    .option('--series <slug>', 'series of the circle (needed when the workspace has several)')
    .option('--number <n>', 'number in the series (default: the next one)')
    .option('--title <text>', 'title of the session')
    .option('--summary <text>', 'what the session is about')
    .option('--topic <text>', 'a "We will cover" item (repeatable)', collect)
    .addOption(new Option('--language <lang>', 'language the session is held in').choices(['en', 'es']))
    .option('--host-name <name>', 'name of the host')
    .option('--host-org <org>', 'organisation of the host')
    .option('--host-email <email>', 'email of the host (replies go there)')
    .option('--instigator <"name|org|role">', 'an instigator, fields separated by | (repeatable)', collect)
    .option('--start <date-time>', 'local start: 2019-12-04T12:00, "2019-12-4 9:30", "4 Dec 2019 2pm", "4 diciembre 2019 14h" (4/12/2019 only when it reads one way)')
    .option('--end <time>', 'local end: 13:15, 1:15pm, 13h15 (same day) or a date and time')
    .option('--duration <length>', 'length instead of end: 75m, 1h15m or PT1H15M')
    .option('--timezone <zone>', "IANA time zone (default: the series')")
    .option('--capacity <seats>', 'seats (default 20)')
    .option('--recorded', 'the session is recorded (the default)')
    .option('--no-recorded', 'the session is not recorded')
    .option('--reminder <length>', "calendar reminder before the session (default: the series')")
    .option('--platform <name>', 'public name of the meeting platform, e.g. Zoom')
    .option('--meeting-url <url>', 'meeting link (only confirmed people see it)')
    .option('--signup-url <url>', 'sign-up form link')
    .option('--organizer-name <name>', "who invitations and mail come from (default: the series')")
    .option('--organizer-email <email>', 'address invitations and mail come from')
    .option('--es-title <text>', 'Spanish title (for a circle held in English)')
    .option('--es-summary <text>', 'Spanish summary')
    .option('--es-topic <text>', 'Spanish topic (repeatable)', collect)
    .option('--en-title <text>', 'English title (for a circle held in Spanish)')
    .option('--en-summary <text>', 'English summary')
    .option('--en-topic <text>', 'English topic (repeatable)', collect)
    .option('-y, --yes', 'on a terminal, write without showing the file first')
    .option('--dry-run', 'print the circle file, write nothing')
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
        'circle add --title "Salud y contratación" --language es --start "4 diciembre 2019 9h30" --end 10h45 --host-name "Ana García"',
      ]),
    )
    .action(async (options, command: Command) => {
      const { add } = await import('./commands/add.js');
      await add({ ...globals(command), ...options });
    });

  program
    .command('validate')
    .description('check every series and circle file and report all problems as file:line:col')
    .summary('check the circle files and report every problem')
    .argument('[paths...]', 'files or folders to check (default: all of circles/)')
    .option('--strict', 'warnings fail too')
    .option('--json', 'print the problems as JSON')
    .addHelpText('after', examples(['circle validate', 'circle validate circles/making-a-case.yaml', 'circle validate --strict --json']))
    .action(async (paths: string[], options, command: Command) => {
      const { validate } = await import('./commands/validate.js');
      process.exitCode = await validate({ ...globals(command), ...options, paths });
    });

  program
    .command('list')
    .description('list the circles by start time, with seats taken and waitlist length')
    .summary('list the circles with seats taken and waitlist')
    .option('--series <slug>', 'only the circles of this series')
    .option('--json', 'print the circles as JSON')
    .addHelpText('after', examples(['circle list', 'circle list --series lift --json']))
    .action(async (options, command: Command) => {
      const { list } = await import('./commands/list.js');
      await list({ ...globals(command), ...options });
    });

  program
    .command('announce')
    .description('write the announcement of a series, or a reminder of some circles, in English or Spanish')
    .summary('write an announcement in English or Spanish')
    .argument('[ids...]', 'circles for a reminder (default: the whole series)')
    .option('--series <slug>', 'series to announce (needed when the workspace has several)')
    .addOption(new Option('--lang <lang>', "language (default: the circles' own for a reminder, English for a series)").choices(['en', 'es']))
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'markdown', 'html']).default('markdown'))
    .option('--tz <zones>', "extra time zones, comma-separated IANA names (default: the series' extra_timezones)", collect)
    .option('--no-tz', "show each circle's own time zone only")
    .option('-o, --out <file>', 'write to this file instead of stdout')
    .option('--json', 'print subject, body and details as JSON')
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
    .action(async (ids: string[], options, command: Command) => {
      const { announce } = await import('./commands/announce.js');
      await announce({ ...globals(command), ...options, ids });
    });

  const invites = program
    .command('invites')
    .description('write a calendar file (.ics) for each circle, and with --feed one per series to subscribe to')
    .summary('write calendar files; `invites send` mails them')
    .argument('[ids...]', 'circles to write (default: all)')
    .option('--out <dir>', 'folder for the .ics files (default: invites/ in the workspace)')
    .option('--feed', 'also write <series>.ics with every circle of the series')
    .addOption(new Option('--lang <lang>', "language of the text (default: each circle's)").choices(['en', 'es']))
    .option('--json', 'print the files and each event\'s UID and SEQUENCE as JSON')
    .option('--dry-run', 'show what would be written, write nothing (the published state included)')
    .addHelpText(
      'after',
      examples(['circle invites', 'circle invites making-a-case --lang es', 'circle invites --feed --out public/calendar', 'circle invites --dry-run --json']),
    )
    .action(async (ids: string[], options, command: Command) => {
      const { invites } = await import('./commands/invites.js');
      await invites({ ...globals(command), ...options, ids });
    });

  mailOptions(
    invites
      .command('send')
      .description('email each confirmed person their calendar invitation; updates after a change, cancellations after a cancel')
      .summary('email personal invitations, updates and cancellations')
      .argument('[ids...]', 'circles to send for'),
  )
    .addHelpText('after', examples(['circle invites send health-outcomes --dry-run', 'circle invites send health-outcomes --preview outbox/', 'circle invites send --all --yes', 'circle invites send health-outcomes --test-to me@example.org']))
    .action(async (ids: string[], options, command: Command) => {
      const { invitesSend } = await import('./commands/mail.js');
      process.exitCode = await invitesSend({ ...globals(command), ...options, ids });
    });

  const signups = program
    .command('signups')
    .description("import sign-up form exports and keep each circle's roster: seats, waitlist, cancellations")
    .summary("import sign-ups and keep each circle's roster")
    .addHelpText(
      'after',
      examples([
        'circle signups import making-a-case responses.csv',
        'circle signups import --session-column "Which sessions?" --series lift lift-form.csv',
        'circle signups list making-a-case --status waitlisted',
        'circle signups cancel making-a-case ana@example.org',
      ]),
    );

  signups
    .command('import')
    .description("add a form's CSV export to a circle's roster (seats in signup order, then the waitlist); importing again adds only new rows")
    .summary("import a form's CSV export into rosters")
    .usage('[options] <id> <file.csv>  |  --session-column <header> [--series <slug>] <file.csv>')
    .argument('<id-or-file>', 'circle id (or the file, with --session-column)')
    .argument('[file]', 'the CSV export')
    .option('--session-column <header>', 'one form for a series: the column naming the circles of each row')
    .option('--series <slug>', 'series of the circles, with --session-column (needed when the workspace has several)')
    .option('--encoding <name>', 'encoding of the file (default: UTF-8, or Windows-1252 when it is not UTF-8)')
    .option('--map <field=Header>', 'use this column for a field: email, name, first_name, last_name, time, language, organisation, country (repeatable)', collect)
    .option('--timezone <zone>', "zone of the timestamps (default: the circle's)")
    .option('--date-format <format>', 'day-first, month-first, or luxon tokens such as "d LLL yyyy HH:mm"')
    .option('--dry-run', 'show what would happen, write nothing')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      examples([
        'circle signups import making-a-case ~/Downloads/responses.csv',
        'circle signups import making-a-case inscripciones.csv --encoding windows-1252 --date-format day-first',
        'circle signups import making-a-case typeform.csv --map email="Your work email?" --dry-run',
        'circle signups import --session-column "Which sessions would you like to join?" --series lift lift-form.csv --json',
      ]),
    )
    .action(async (first: string, second: string | undefined, options, command: Command) => {
      const { importSignups } = await import('./commands/signups/import.js');
      const [id, file] = second === undefined ? [undefined, first] : [first, second];
      await importSignups({ ...globals(command), ...options, ...(id !== undefined ? { id } : {}), file });
    });

  const statusOption = () => new Option('--status <status>', 'only signups with this status').choices(['confirmed', 'waitlisted', 'cancelled']);

  signups
    .command('list')
    .description("show a circle's roster: seated people, then the waitlist with positions, then cancellations")
    .summary("show a circle's roster")
    .argument('<id>', 'circle id')
    .addOption(statusOption())
    .option('--json', 'print the signups as JSON')
    .addHelpText('after', examples(['circle signups list making-a-case', 'circle signups list making-a-case --status waitlisted --json']))
    .action(async (id: string, options, command: Command) => {
      const { listSignups } = await import('./commands/signups/list.js');
      await listSignups({ ...globals(command), ...options, id });
    });

  signups
    .command('add')
    .description('add a walk-in: a free seat if there is one, else the end of the waitlist')
    .summary('add a walk-in')
    .argument('<id>', 'circle id')
    .option('--name <name>', 'full name')
    .option('--email <email>', 'email address')
    .addOption(new Option('--language <lang>', "preferred language (default: the circle's)").choices(['en', 'es']))
    .option('--organisation <org>', 'organisation')
    .option('--country <country>', 'country')
    .option('--dry-run', 'show what would happen, write nothing')
    .addHelpText('after', examples(['circle signups add making-a-case --name "Ana García" --email ana@example.org --language es']))
    .action(async (id: string, options, command: Command) => {
      const { addSignup } = await import('./commands/signups/change.js');
      await addSignup({ ...globals(command), ...options, id });
    });

  signups
    .command('cancel')
    .description('cancel a seat or a waitlist place; a freed seat goes to the first person waiting')
    .summary('cancel a seat or a waitlist place')
    .argument('<id>', 'circle id')
    .argument('<email>', 'email of the person')
    .option('--dry-run', 'show what would happen, write nothing')
    .addHelpText('after', examples(['circle signups cancel making-a-case ana@example.org']))
    .action(async (id: string, email: string, options, command: Command) => {
      const { cancelSignup } = await import('./commands/signups/change.js');
      await cancelSignup({ ...globals(command), ...options, id, email });
    });

  signups
    .command('move')
    .description('move a person to another circle: cancelled here, added there by their signup time')
    .summary('move a person to another circle')
    .argument('<id>', 'circle id they are on')
    .argument('<email>', 'email of the person')
    .requiredOption('--to <other-id>', 'circle to move them to')
    .option('-y, --yes', 'move a seated person even when the other circle is full (they go to its waitlist)')
    .option('--dry-run', 'show what would happen, write nothing')
    .addHelpText('after', examples(['circle signups move making-a-case ana@example.org --to supplier-engagement']))
    .action(async (id: string, email: string, options, command: Command) => {
      const { moveSignup } = await import('./commands/signups/change.js');
      await moveSignup({ ...globals(command), ...options, id, email });
    });

  signups
    .command('edit')
    .description("correct a person's address, name or language; the mail journal follows a new address, so nothing is sent twice")
    .summary("correct a person's address, name or language")
    .argument('<id>', 'circle id')
    .argument('<email>', 'email of the person as the roster has it')
    .option('--email <new>', 'the corrected address')
    .option('--name <name>', 'the corrected full name')
    .addOption(new Option('--language <lang>', 'the language they want mail in').choices(['en', 'es']))
    .option('--dry-run', 'show what would happen, write nothing')
    .addHelpText('after', examples(['circle signups edit making-a-case ana@exmaple.org --email ana@example.org', 'circle signups edit making-a-case ana@example.org --name "Ana García" --language es']))
    .action(async (id: string, email: string, options: { email?: string }, command: Command) => {
      const { editSignup } = await import('./commands/signups/change.js');
      const { email: newEmail, ...rest } = options;
      await editSignup({ ...globals(command), ...rest, id, email, ...(newEmail !== undefined ? { newEmail } : {}) });
    });

  signups
    .command('remove')
    .description("erase a person's data on request from a circle's roster and mail journal (--all: from every circle), keeping only anonymous notes and counts")
    .summary("erase a person's data on request")
    .usage('[options] <id> <email>  |  --all <email>')
    .argument('<id-or-email>', 'circle id (or the email, with --all)')
    .argument('[email]', 'email of the person')
    .option('--all', 'every roster and mail journal of the workspace')
    .option('--dry-run', 'show what would happen, write nothing')
    .addHelpText('after', examples(['circle signups remove making-a-case ana@example.org', 'circle signups remove --all ana@example.org']))
    .action(async (first: string, second: string | undefined, options: { all?: boolean }, command: Command) => {
      const { removeSignup } = await import('./commands/signups/change.js');
      await removeSignup({ ...globals(command), ...options, args: second === undefined ? [first] : [first, second] });
    });

  signups
    .command('promote')
    .description('give free seats (after capacity was raised) to the first people on the waitlist')
    .summary('give free seats to the waitlist')
    .argument('<id>', 'circle id')
    .option('--dry-run', 'show what would happen, write nothing')
    .addHelpText('after', examples(['circle signups promote making-a-case']))
    .action(async (id: string, options, command: Command) => {
      const { promoteSignups } = await import('./commands/signups/change.js');
      await promoteSignups({ ...globals(command), ...options, id });
    });

  signups
    .command('export')
    .description("write a circle's roster as CSV, safe to open in a spreadsheet")
    .summary('export a roster as CSV')
    .argument('<id>', 'circle id')
    .addOption(statusOption())
    .option('--out <file.csv>', 'write to this file (default: stdout)')
    .option('--excel', 'UTF-8 with a BOM and CRLF line ends, so Excel shows accents right')
    .addOption(new Option('--delimiter <char>', 'field separator').choices([',', ';', 'tab']).default(','))
    .addHelpText('after', examples(['circle signups export making-a-case --status confirmed --out seats.csv', 'circle signups export making-a-case --excel --delimiter ";" --out lista.csv']))
    .action(async (id: string, options, command: Command) => {
      const { exportSignups } = await import('./commands/signups/export.js');
      await exportSignups({ ...globals(command), ...options, id });
    });

  const waitlist = program
    .command('waitlist')
    .description('tell waitlisted people where they stand, and promoted people that a seat opened')
    .summary('email the waitlist and newly seated people');
  mailOptions(
    waitlist
      .command('notify')
      .description('email each waitlisted person their position once, and each promoted person their seat and invitation')
      .summary('email waitlist positions and newly opened seats')
      .argument('[ids...]', 'circles to notify for'),
  )
    .addHelpText(
      'after',
      examples(['circle waitlist notify health-outcomes --dry-run', 'circle waitlist notify health-outcomes --test-to me@example.org --lang es', 'circle waitlist notify --all', 'circle waitlist notify health-outcomes --rate 2/s --yes']),
    )
    .action(async (ids: string[], options, command: Command) => {
      const { waitlistNotify } = await import('./commands/mail.js');
      process.exitCode = await waitlistNotify({ ...globals(command), ...options, ids });
    });
  waitlist.addHelpText('after', examples(['circle waitlist notify health-outcomes']));

  mailOptions(
    program
      .command('followup')
      .description('email the recording to everyone who signed up, seated or waitlisted, once')
      .summary('email the recording to everyone who signed up')
      .argument('[ids...]', 'circles to follow up')
      .requiredOption('--recording <url>', 'link to the recording'),
  )
    .addHelpText('after', examples(['circle followup health-outcomes --recording https://video.example.org/lift-3 --dry-run', 'circle followup health-outcomes --recording https://video.example.org/lift-3']))
    .action(async (ids: string[], options, command: Command) => {
      const { followup } = await import('./commands/mail.js');
      process.exitCode = await followup({ ...globals(command), ...options, ids });
    });

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
