import { Command, CommanderError, Option } from 'commander';
import { choice, collectList, declare, flag, list, mandatory, read, shared, spec, text, withDefault, type Spec } from './cli-options.js';
import { CircleError, EXIT, isCancelled } from './errors.js';
import { VERSION } from './package.js';

/*
 * Declares commands, options, help and examples only. Each action imports its command module
 * when it runs, so `circle --help` loads nothing else.
 */

const examples = (lines: string[]) => `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`;
const first = (specs: Spec) => specs.options[0]!;

/** The options of every command that sends mail. SMTP settings come from the environment only. */
function mailSpecs() {
  const specs = {
    all: flag('--all', 'every circle of the workspace'),
    dryRun: shared.dryRun('list who would get what; send nothing'),
    preview: text('--preview <dir>', 'write each message as an .eml file to open in a mail client; send nothing'),
    testTo: text('--test-to <address>', 'send one sample of each kind, in English and in Spanish, to this address only'),
    lang: shared.lang('only this language for the --test-to samples'),
    resendUnconfirmed: flag('--resend-unconfirmed', 'send again messages whose delivery was never confirmed'),
    retryFailed: flag('--retry-failed', 'send again messages the server refused for good'),
    rate: text('--rate <n/s>', "at most n messages a second, for a provider's limits"),
    yes: shared.yes('send without asking to confirm'),
    json: shared.json('print the results as JSON'),
  };
  // Each of these replaces sending in its own way: given together, one would be silently ignored.
  first(specs.dryRun).conflicts(['preview', 'testTo']);
  first(specs.preview).conflicts('testTo');
  return specs;
}
const SMTP_HELP =
  '\nSMTP settings come from the environment: CIRCLE_SMTP_URL=smtp://user:password@host:587 (smtps:// for TLS),\nCIRCLE_FROM="Name <address>" when neither circle nor series has an organizer, CIRCLE_SMTP_INSECURE_TLS=1 for a self-signed server.';

const statusOption = () => choice('--status <status>', 'only signups with this status', ['confirmed', 'waitlisted', 'cancelled'] as const);

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

  const sendSpecs = mailSpecs();
  declare(
    invites
      .command('send')
      .description('email each confirmed person their calendar invitation; updates after a change, cancellations after a cancel')
      .summary('email personal invitations, updates and cancellations')
      .argument('[ids...]', 'circles to send for'),
    sendSpecs,
  )
    .addHelpText('after', SMTP_HELP)
    .addHelpText('after', examples(['circle invites send health-outcomes --dry-run', 'circle invites send health-outcomes --preview outbox/', 'circle invites send --all --yes', 'circle invites send health-outcomes --test-to me@example.org']))
    .action(async (ids: string[], _options: unknown, command: Command) => {
      const { invitesSend } = await import('./commands/mail.js');
      process.exitCode = await invitesSend({ ...read(command, sendSpecs), ids });
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

  const importSpecs = {
    sessionColumn: text('--session-column <header>', 'one form for a series: the column naming the circles of each row'),
    series: shared.series('series of the circles, with --session-column (needed when the workspace has several)'),
    encoding: text('--encoding <name>', 'encoding of the file (default: UTF-8, or Windows-1252 when it is not UTF-8)'),
    map: list('--map <field=Header>', 'use this column for a field: email, name, first_name, last_name, time, language, organisation, country (repeatable)'),
    timezone: text('--timezone <zone>', "zone of the timestamps (default: the circle's)"),
    dateFormat: text('--date-format <format>', 'day-first, month-first, or luxon tokens such as "d LLL yyyy HH:mm"'),
    dryRun: shared.dryRun('show what would happen, write nothing'),
    json: shared.json('print the result as JSON'),
  };
  declare(
    signups
      .command('import')
      .description("add a form's CSV export to a circle's roster (seats in signup order, then the waitlist); importing again adds only new rows")
      .summary("import a form's CSV export into rosters")
      .usage('[options] <id> <file.csv>  |  --session-column <header> [--series <slug>] <file.csv>')
      .argument('<id-or-file>', 'circle id (or the file, with --session-column)')
      .argument('[file]', 'the CSV export'),
    importSpecs,
  )
    .addHelpText(
      'after',
      examples([
        'circle signups import making-a-case ~/Downloads/responses.csv',
        'circle signups import making-a-case inscripciones.csv --encoding windows-1252 --date-format day-first',
        'circle signups import making-a-case typeform.csv --map email="Your work email?" --dry-run',
        'circle signups import --session-column "Which sessions would you like to join?" --series lift lift-form.csv --json',
      ]),
    )
    .action(async (firstArg: string, second: string | undefined, _options: unknown, command: Command) => {
      const { importSignups } = await import('./commands/signups/import.js');
      const [id, file] = second === undefined ? [undefined, firstArg] : [firstArg, second];
      await importSignups({ ...read(command, importSpecs), ...(id !== undefined ? { id } : {}), file });
    });

  const listSignupsSpecs = { status: statusOption(), json: shared.json('print the signups as JSON') };
  declare(signups.command('list').description("show a circle's roster: seated people, then the waitlist with positions, then cancellations").summary("show a circle's roster").argument('<id>', 'circle id'), listSignupsSpecs)
    .addHelpText('after', examples(['circle signups list making-a-case', 'circle signups list making-a-case --status waitlisted --json']))
    .action(async (id: string, _options: unknown, command: Command) => {
      const { listSignups } = await import('./commands/signups/list.js');
      await listSignups({ ...read(command, listSignupsSpecs), id });
    });

  const addSignupSpecs = {
    name: text('--name <name>', 'full name'),
    email: text('--email <email>', 'email address'),
    lang: shared.lang("preferred language (default: the circle's)"),
    organisation: text('--organisation <org>', 'organisation'),
    country: text('--country <country>', 'country'),
    dryRun: shared.dryRun('show what would happen, write nothing'),
  };
  declare(signups.command('add').description('add a walk-in: a free seat if there is one, else the end of the waitlist').summary('add a walk-in').argument('<id>', 'circle id'), addSignupSpecs)
    .addHelpText('after', examples(['circle signups add making-a-case --name "Ana García" --email ana@example.org --lang es']))
    .action(async (id: string, _options: unknown, command: Command) => {
      const { addSignup } = await import('./commands/signups/change.js');
      const { lang, ...rest } = read(command, addSignupSpecs);
      await addSignup({ ...rest, ...(lang !== undefined ? { language: lang } : {}), id });
    });

  const cancelSpecs = { dryRun: shared.dryRun('show what would happen, write nothing') };
  declare(
    signups
      .command('cancel')
      .description('cancel a seat or a waitlist place; a freed seat goes to the first person waiting')
      .summary('cancel a seat or a waitlist place')
      .argument('<id>', 'circle id')
      .argument('<email>', 'email of the person'),
    cancelSpecs,
  )
    .addHelpText('after', examples(['circle signups cancel making-a-case ana@example.org']))
    .action(async (id: string, email: string, _options: unknown, command: Command) => {
      const { cancelSignup } = await import('./commands/signups/change.js');
      await cancelSignup({ ...read(command, cancelSpecs), id, email });
    });

  const moveSpecs = {
    to: mandatory(text('--to <other-id>', 'circle to move them to')),
    yes: shared.yes('move a seated person even when the other circle is full (they go to its waitlist)'),
    dryRun: shared.dryRun('show what would happen, write nothing'),
  };
  declare(
    signups
      .command('move')
      .description('move a person to another circle: cancelled here, added there by their signup time')
      .summary('move a person to another circle')
      .argument('<id>', 'circle id they are on')
      .argument('<email>', 'email of the person'),
    moveSpecs,
  )
    .addHelpText('after', examples(['circle signups move making-a-case ana@example.org --to supplier-engagement']))
    .action(async (id: string, email: string, _options: unknown, command: Command) => {
      const { moveSignup } = await import('./commands/signups/change.js');
      await moveSignup({ ...read(command, moveSpecs), id, email });
    });

  const editSpecs = {
    email: text('--email <new>', 'the corrected address'),
    name: text('--name <name>', 'the corrected full name'),
    lang: shared.lang('the language they want mail in'),
    dryRun: shared.dryRun('show what would happen, write nothing'),
  };
  declare(
    signups
      .command('edit')
      .description("correct a person's address, name or language; the mail journal follows a new address, so nothing is sent twice")
      .summary("correct a person's address, name or language")
      .argument('<id>', 'circle id')
      .argument('<email>', 'email of the person as the roster has it'),
    editSpecs,
  )
    .addHelpText('after', examples(['circle signups edit making-a-case ana@exmaple.org --email ana@example.org', 'circle signups edit making-a-case ana@example.org --name "Ana García" --lang es']))
    .action(async (id: string, email: string, _options: unknown, command: Command) => {
      const { editSignup } = await import('./commands/signups/change.js');
      const { email: newEmail, lang, ...rest } = read(command, editSpecs);
      await editSignup({ ...rest, id, email, ...(newEmail !== undefined ? { newEmail } : {}), ...(lang !== undefined ? { language: lang } : {}) });
    });

  const removeSpecs = { all: flag('--all', 'every roster and mail journal of the workspace'), dryRun: shared.dryRun('show what would happen, write nothing') };
  declare(
    signups
      .command('remove')
      .description("erase a person's data on request from a circle's roster and mail journal (--all: from every circle), keeping only anonymous notes and counts")
      .summary("erase a person's data on request")
      .usage('[options] <id> <email>  |  --all <email>')
      .argument('<id-or-email>', 'circle id (or the email, with --all)')
      .argument('[email]', 'email of the person'),
    removeSpecs,
  )
    .addHelpText('after', examples(['circle signups remove making-a-case ana@example.org', 'circle signups remove --all ana@example.org']))
    .action(async (firstArg: string, second: string | undefined, _options: unknown, command: Command) => {
      const { removeSignup } = await import('./commands/signups/change.js');
      await removeSignup({ ...read(command, removeSpecs), args: second === undefined ? [firstArg] : [firstArg, second] });
    });

  const promoteSpecs = { dryRun: shared.dryRun('show what would happen, write nothing') };
  declare(signups.command('promote').description('give free seats (after capacity was raised) to the first people on the waitlist').summary('give free seats to the waitlist').argument('<id>', 'circle id'), promoteSpecs)
    .addHelpText('after', examples(['circle signups promote making-a-case']))
    .action(async (id: string, _options: unknown, command: Command) => {
      const { promoteSignups } = await import('./commands/signups/change.js');
      await promoteSignups({ ...read(command, promoteSpecs), id });
    });

  const exportSpecs = {
    status: statusOption(),
    out: shared.out('file.csv', 'write to this file (default: stdout)'),
    excel: flag('--excel', 'UTF-8 with a BOM and CRLF line ends, so Excel shows accents right'),
    delimiter: withDefault(choice('--delimiter <char>', 'field separator', [',', ';', 'tab'] as const), ','),
  };
  declare(signups.command('export').description("write a circle's roster as CSV, safe to open in a spreadsheet").summary('export a roster as CSV').argument('<id>', 'circle id'), exportSpecs)
    .addHelpText('after', examples(['circle signups export making-a-case --status confirmed --out seats.csv', 'circle signups export making-a-case --excel --delimiter ";" --out lista.csv']))
    .action(async (id: string, _options: unknown, command: Command) => {
      const { exportSignups } = await import('./commands/signups/export.js');
      await exportSignups({ ...read(command, exportSpecs), id });
    });

  const waitlist = program
    .command('waitlist')
    .description('tell waitlisted people where they stand, and promoted people that a seat opened')
    .summary('email the waitlist and newly seated people');
  const notifySpecs = mailSpecs();
  declare(
    waitlist
      .command('notify')
      .description('email each waitlisted person their position once, and each promoted person their seat and invitation')
      .summary('email waitlist positions and newly opened seats')
      .argument('[ids...]', 'circles to notify for'),
    notifySpecs,
  )
    .addHelpText('after', SMTP_HELP)
    .addHelpText(
      'after',
      examples(['circle waitlist notify health-outcomes --dry-run', 'circle waitlist notify health-outcomes --test-to me@example.org --lang es', 'circle waitlist notify --all', 'circle waitlist notify health-outcomes --rate 2/s --yes']),
    )
    .action(async (ids: string[], _options: unknown, command: Command) => {
      const { waitlistNotify } = await import('./commands/mail.js');
      process.exitCode = await waitlistNotify({ ...read(command, notifySpecs), ids });
    });
  waitlist.addHelpText('after', examples(['circle waitlist notify health-outcomes']));

  const followupSpecs = { recording: mandatory(text('--recording <url>', 'link to the recording')), ...mailSpecs() };
  declare(
    program
      .command('followup')
      .description('email the recording to everyone who signed up, seated or waitlisted, once')
      .summary('email the recording to everyone who signed up')
      .argument('[ids...]', 'circles to follow up'),
    followupSpecs,
  )
    .addHelpText('after', SMTP_HELP)
    .addHelpText('after', examples(['circle followup health-outcomes --recording https://video.example.org/lift-3 --dry-run', 'circle followup health-outcomes --recording https://video.example.org/lift-3']))
    .action(async (ids: string[], _options: unknown, command: Command) => {
      const { followup } = await import('./commands/mail.js');
      process.exitCode = await followup({ ...read(command, followupSpecs), ids });
    });

  return program;
}

/** The one place that turns errors into messages and exit codes. */
export async function main(argv: string[]): Promise<void> {
  // `circle list | head` closes the pipe early: the reader has what it wanted, so stop quietly.
  process.stdout.on('error', (cause: NodeJS.ErrnoException) => {
    if (cause.code !== 'EPIPE') throw cause;
    process.exit(process.exitCode ?? 0);
  });
  try {
    await buildProgram().parseAsync(argv);
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
