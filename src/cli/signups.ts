import type { Command } from 'commander';
import { runs } from './execute.js';
import { choice, declare, examples, flag, list, mandatory, shared, text, withDefault } from './options.js';

const statusOption = () => choice('--status <status>', 'only signups with this status', ['confirmed', 'waitlisted', 'cancelled'] as const);

/** `circle signups` and its commands: the rosters. */
export function declareSignups(program: Command): void {
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
    .action(
      runs(importSpecs, () => import('../commands/signups/import.js'), ([first, second]: unknown[]): { id?: string; file: string } =>
        second === undefined ? { file: first as string } : { id: first as string, file: second as string },
      ),
    );

  const listSignupsSpecs = { status: statusOption(), json: shared.json('print the signups as JSON') };
  declare(signups.command('list').description("show a circle's roster: seated people, then the waitlist with positions, then cancellations").summary("show a circle's roster").argument('<id>', 'circle id'), listSignupsSpecs)
    .addHelpText('after', examples(['circle signups list making-a-case', 'circle signups list making-a-case --status waitlisted --json']))
    .action(runs(listSignupsSpecs, () => import('../commands/signups/list.js'), ([id]: unknown[]): { id: string } => ({ id: id as string })));

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
    .action(runs(addSignupSpecs, () => import('../commands/signups/add.js'), ([id]: unknown[]): { id: string } => ({ id: id as string })));

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
    .action(runs(cancelSpecs, () => import('../commands/signups/cancel.js'), ([id, email]: unknown[]): { id: string; email: string } => ({ id: id as string, email: email as string })));

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
    .action(runs(moveSpecs, () => import('../commands/signups/move.js'), ([id, email]: unknown[]): { id: string; email: string } => ({ id: id as string, email: email as string })));

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
    .action(runs(editSpecs, () => import('../commands/signups/edit.js'), ([id, address]: unknown[]): { id: string; address: string } => ({ id: id as string, address: address as string })));

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
    .action(
      runs(removeSpecs, () => import('../commands/signups/remove.js'), ([first, second]: unknown[]): { args: [string] | [string, string] } => ({
        args: (second === undefined ? [first] : [first, second]) as [string] | [string, string],
      })),
    );

  const promoteSpecs = { dryRun: shared.dryRun('show what would happen, write nothing') };
  declare(signups.command('promote').description('give free seats (after capacity was raised, or seat offers lapsed) to the first people on the waitlist: first lapses the seat offers whose deadline has passed, then gives their seats out too (as offers when offer_hours is set)').summary('give free seats to the waitlist').argument('<id>', 'circle id'), promoteSpecs)
    .addHelpText('after', examples(['circle signups promote making-a-case']))
    .action(runs(promoteSpecs, () => import('../commands/signups/promote.js'), ([id]: unknown[]): { id: string } => ({ id: id as string })));

  const exportSpecs = {
    status: statusOption(),
    out: shared.out('file.csv', 'write to this file (default: stdout)'),
    excel: flag('--excel', 'UTF-8 with a BOM and CRLF line ends, so Excel shows accents right'),
    delimiter: withDefault(choice('--delimiter <char>', 'field separator', [',', ';', 'tab'] as const), ','),
  };
  declare(signups.command('export').description("write a circle's roster as CSV, safe to open in a spreadsheet").summary('export a roster as CSV').argument('<id>', 'circle id'), exportSpecs)
    .addHelpText('after', examples(['circle signups export making-a-case --status confirmed --out seats.csv', 'circle signups export making-a-case --excel --delimiter ";" --out lista.csv']))
    .action(runs(exportSpecs, () => import('../commands/signups/export.js'), ([id]: unknown[]): { id: string } => ({ id: id as string })));
}
