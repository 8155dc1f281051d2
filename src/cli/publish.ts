import { Option, type Command } from 'commander';
import { usageError } from '../errors.js';
import { runs } from './execute.js';
import { choice, collectList, declare, examples, flag, shared, spec, withDefault } from './options.js';

/** The commands that publish a series: `announce`, `invites` (returned: `invites send` hangs under it). */
export function declarePublish(program: Command): Command {
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
    .action(runs(announceSpecs, () => import('../commands/announce.js'), ([ids]: unknown[]) => ({ ids: ids as string[] })));

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
    .action(runs(invitesSpecs, () => import('../commands/invites.js'), ([ids]: unknown[]) => ({ ids: ids as string[] })));
  ownOptionsOnly(invites, Object.keys(invitesSpecs));
  return invites;
}

/**
 * `invites send` has options of the same names as `invites` (--dry-run, --json, --lang): each
 * command reads only its own. Options after `send` are `send`'s: the program has already split
 * them from the words before them, so `invites` leaves them all to it. Options of `invites` stop
 * at `send` (positional), and given there they are refused rather than silently dropped.
 */
function ownOptionsOnly(parent: Command, keys: readonly string[]): void {
  const parseOwn = parent.parseOptions.bind(parent);
  parent.parseOptions = (args) => {
    // The word after `invites`, as the program split it; when `args` start with it, nothing was split.
    const next = parent.parent?.args[1] ?? '';
    const subcommandFirst = args[0] !== next && parent.commands.some((command) => command.name() === next || command.aliases().includes(next));
    return subcommandFirst ? { operands: [], unknown: args } : parseOwn(args);
  };
  parent.enablePositionalOptions().hook('preSubcommand', (command, subcommand) => {
    const given = keys.filter((key) => command.getOptionValueSource(key) === 'cli');
    if (given.length === 0) return;
    const flags = command.options.filter((option) => given.includes(option.attributeName()) && !option.hidden).map((option) => option.long);
    const name = subcommand.name();
    throw usageError(`${flags.join(', ')} before \`${name}\` is an option of \`circle ${command.name()}\`, not of \`circle ${command.name()} ${name}\``, `give the options of \`${command.name()} ${name}\` after \`${name}\` (see circle ${command.name()} ${name} --help)`);
  });
}
