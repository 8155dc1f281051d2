import { Option, type Command } from 'commander';
import { runs } from './execute.js';
import { declare, examples, flag, list, shared, spec, text, withDefault } from './options.js';

/** The commands that write and check circle files: `init`, `add`, `validate`, `list`. */
export function declareWorkspace(program: Command): void {
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
    .action(runs(initSpecs, () => import('../commands/init.js'), ([target]: unknown[]) => ({ target: target as string })));

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
    .action(runs(addSpecs, () => import('../commands/add.js')));

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
    .action(runs(validateSpecs, () => import('../commands/validate.js'), ([paths]: unknown[]) => ({ paths: paths as string[] })));

  const listSpecs = { series: shared.series('only the circles of this series'), json: shared.json('print the circles as JSON') };
  declare(program.command('list').description('list the circles by start time, with seats taken and waitlist length').summary('list the circles with seats taken and waitlist'), listSpecs)
    .addHelpText('after', examples(['circle list', 'circle list --series lift --json']))
    .action(runs(listSpecs, () => import('../commands/list.js')));
}
