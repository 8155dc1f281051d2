import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleWorkspace, ROOT, tempDir } from '../helpers/cli.js';
import { circle } from '../helpers/in-process.js';

/*
 * The README's option lists against `--help`: every option the README names under a command is one
 * its help shows, every option help shows is named in the README, and the README's examples and
 * help's own examples use only shown options.
 */

interface Help {
  options: Set<string>;
  globals: Set<string>;
  commands: string[];
  examples: string[];
}

const section = (text: string, title: string) => {
  const start = text.indexOf(`\n${title}:\n`);
  if (start < 0) return '';
  const rest = text.slice(start + title.length + 3);
  const end = rest.search(/\n\S/);
  return end < 0 ? rest : rest.slice(0, end);
};
const flagsOf = (block: string) => new Set([...block.matchAll(/^ {2}(-\w, )?(--[\w-]+)/gm)].flatMap((m) => [m[2]!, ...(m[1] ? [m[1].slice(0, 2)] : [])]));

async function help(path: string[]): Promise<Help> {
  const result = await circle([...path, '--help'], { cwd: tempDir() });
  expect(result.code).toBe(0);
  return {
    options: flagsOf(section(result.stdout, 'Options')),
    globals: flagsOf(section(result.stdout, 'Global Options')),
    commands: [...section(result.stdout, 'Commands').matchAll(/^ {2}([a-z]+)/gm)].map((m) => m[1]!).filter((name) => name !== 'help'),
    examples: [...section(result.stdout, 'Examples').matchAll(/^ {2}\$ (.*(?:\n {6}.*)*)/gm)].map((m) => m[1]!),
  };
}

/** Every command path with its help, the program's own under ''. */
async function allHelp(): Promise<Map<string, Help>> {
  const found = new Map<string, Help>();
  const walk = async (path: string[]) => {
    const shown = await help(path);
    found.set(path.join(' '), shown);
    for (const name of shown.commands) await walk([...path, name]);
  };
  await walk([]);
  return found;
}
const HELP = await allHelp();
const COMMANDS = [...HELP.keys()].filter((path) => path !== '');

/** The option names in a piece of text: `--dry-run`, `-o`; a `--no-x` names itself. */
const mentioned = (text: string) => [...text.matchAll(/(?<![\w-])(--[a-z][\w-]*|-[a-zA-Z])(?![\w-])/g)].map((m) => m[1]!);

/** The command a command line runs: the longest path of words after `circle` that is a command. */
function commandOf(line: string): string {
  const words = line.replace(/^circle /, '').replace(/-C \S+ /, '').split(/\s+/);
  let path = '';
  for (const word of words) {
    const next = path ? `${path} ${word}` : word;
    if (!HELP.has(next)) break;
    path = next;
  }
  return path;
}
const known = (path: string) => new Set([...HELP.get(path)!.options, ...HELP.get(path)!.globals]);

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
/** The README's sections about commands: the commands each names in its heading, and its text. */
const readmeSections = README.split(/\n(?=#{2,3} )/)
  .map((text) => ({ text, heading: text.slice(0, text.indexOf('\n')) }))
  .filter(({ heading }) => heading.startsWith('### ') && heading.includes('`circle '))
  .map(({ text, heading }) => ({ text, heading, commands: [...heading.matchAll(/`circle ([a-z ]+?)(?: \[|`)/g)].map((m) => m[1]!.trim()) }));

/** The heading command whose section describes a command: its own, or its nearest ancestor's, or a subcommand's for a group. */
function sectionOf(path: string): string | undefined {
  const named = readmeSections.flatMap(({ commands }) => commands);
  const ancestors = named.filter((name) => path === name || path.startsWith(`${name} `)).sort((a, b) => b.length - a.length);
  return ancestors[0] ?? named.find((name) => name.startsWith(`${path} `));
}

const SUBCOMMANDS = ['init', 'add', 'validate', 'list', 'announce', 'invites', 'signups', 'waitlist', 'followup', 'remind', 'inbox', 'status', 'run'];

describe('the circle command', () => {
  it('lists every subcommand with a one-line description', async () => {
    const result = await circle(['--help'], { cwd: tempDir() });
    expect(result.code).toBe(0);
    const listed = [...result.stdout.matchAll(/^  ([a-z]+) .*\S/gm)].map((m) => m[1]).filter((name) => name !== 'help');
    expect(listed).toEqual(SUBCOMMANDS);
    const block = result.stdout.slice(result.stdout.indexOf('Commands:'), result.stdout.indexOf('Examples:'));
    expect(block.split('\n').filter((line) => /^ {10,}\S/.test(line))).toEqual([]);
  });

  it.each(SUBCOMMANDS)('circle %s --help ends with examples', async (name) => {
    const result = await circle([name, '--help'], { cwd: tempDir() });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`Examples:\\n  \\$ circle ${name}`));
  });
});

describe('help and the README agree on the options', () => {
  it('finds every command and a README section for each', () => {
    expect(COMMANDS).toEqual(['init', 'add', 'validate', 'list', 'announce', 'invites', 'invites send', 'signups', 'signups import', 'signups list', 'signups add', 'signups cancel', 'signups move', 'signups edit', 'signups remove', 'signups promote', 'signups export', 'waitlist', 'waitlist notify', 'followup', 'remind', 'inbox', 'status', 'run']);
    expect(COMMANDS.filter((path) => sectionOf(path) === undefined)).toEqual([]);
  });

  it.each(COMMANDS)("circle %s --help shows -C, --dir, and no parent command's options", (path) => {
    expect([...HELP.get(path)!.globals].sort()).toEqual(['--dir', '--version', '-C', '-v']);
  });

  it.each(readmeSections.map((s) => [s.heading, s] as const))('%s names only options that help shows, and every one it shows', (_heading, { text, commands }) => {
    const scope = COMMANDS.filter((path) => commands.includes(sectionOf(path) ?? ''));
    // An option named with its command (`signups export --out`) belongs to that command.
    const elsewhere = [...text.matchAll(/`((?:circle )?[a-z]+(?: [a-z]+)* --[^`]*)`/g)].map((m) => m[1]!).filter((span) => HELP.has(commandOf(span)) && !scope.includes(commandOf(span)) && commandOf(span) !== '');
    const rest = elsewhere.reduce((left, span) => left.split(span).join(''), text);
    expect(elsewhere.flatMap((span) => mentioned(span).filter((name) => !known(commandOf(span)).has(name)))).toEqual([]);
    const shown = new Set(scope.flatMap((path) => [...known(path)]));
    expect(mentioned(rest).filter((name) => !shown.has(name))).toEqual([]);
    const named = new Set(mentioned(rest));
    const unnamed = scope.flatMap((path) => [...HELP.get(path)!.options].filter((name) => name.startsWith('--') && name !== '--help' && !named.has(name)).map((name) => `${path} ${name}`));
    expect(unnamed).toEqual([]);
  });

  it("an option table lists exactly the command's options", () => {
    const tables = readmeSections.filter(({ text }) => text.includes('| option | meaning |'));
    expect(tables.map(({ commands }) => commands[0])).toEqual(['announce']);
    for (const { text, commands } of tables) {
      const rows = text.slice(text.indexOf('| option | meaning |')).split('\n').filter((line) => line.startsWith('| `'));
      const listed = rows.flatMap((row) => mentioned(row.slice(0, row.indexOf('` |'))));
      expect(listed.sort()).toEqual([...HELP.get(commands[0]!)!.options].filter((name) => !['-h', '--help'].includes(name)).sort());
    }
  });

  it('every example, in the README and in help, uses options of its own command', () => {
    const readmeLines = [...README.matchAll(/^circle .*(?:\\\n.*)*/gm)].map((m) => m[0]);
    const helpLines = [...HELP.values()].flatMap((shown) => shown.examples);
    expect(readmeLines.length).toBeGreaterThan(20);
    const wrong = [...readmeLines, ...helpLines].flatMap((line) => {
      const path = commandOf(line);
      const options = mentioned(line.split(/ # |[|>] /)[0]!);
      return options.filter((name) => !known(path).has(name)).map((name) => `${name} in: ${line}`);
    });
    expect(wrong).toEqual([]);
  });
});

describe('one spelling per idea', () => {
  it.each([
    ['add', ['--lang', '--series', '--dry-run', '-y', '--yes']],
    ['announce', ['--lang', '--series', '-o', '--out', '--json']],
    ['invites', ['--lang', '-o', '--out', '--json', '--dry-run']],
    ['invites send', ['--lang', '--json', '--dry-run', '-y', '--yes']],
    ['signups add', ['--lang', '--dry-run']],
    ['signups edit', ['--lang', '--dry-run']],
    ['signups export', ['-o', '--out']],
    ['signups move', ['-y', '--yes', '--dry-run']],
  ])('circle %s shows %j, and no old spelling', (path, flags) => {
    expect([...HELP.get(path)!.options]).toEqual(expect.arrayContaining(flags));
    expect(HELP.get(path)!.options.has('--language')).toBe(false);
  });

  it('still takes --language, the old spelling, as --lang', async () => {
    const dir = exampleWorkspace();
    const added = await circle(['add', '--title', 'Salud', '--language', 'es', '--start', '2019-12-04T09:30', '--end', '10:45', '--host-name', 'Ana García', '--dry-run'], { cwd: dir });
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('\nlanguage: es\n');
    const walkIn = await circle(['signups', 'add', 'making-a-case', '--name', 'Eve Example', '--email', 'eve@example.org', '--language', 'es'], { cwd: dir });
    expect(walkIn.code).toBe(0);
    const roster = JSON.parse((await circle(['signups', 'list', 'making-a-case', '--json'], { cwd: dir })).stdout) as Array<{ email: string; language: string }>;
    expect(roster.find((row) => row.email === 'eve@example.org')?.language).toBe('es');
    const bad = await circle(['signups', 'add', 'making-a-case', '--email', 'eve@example.org', '--language', 'fr'], { cwd: dir });
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining("option '--language <lang>' argument 'fr' is invalid. Allowed choices are en, es.")]);
  });

  it('takes -o for --out', async () => {
    const dir = exampleWorkspace();
    expect((await circle(['announce', '-o', 'announcement.md'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, 'announcement.md'), 'utf8')).toMatch(/^# /);
    expect((await circle(['signups', 'export', 'making-a-case', '-o', 'seats.csv'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, 'seats.csv'), 'utf8').split('\n')[0]).toMatch(/^status,position,name,email,language,/);
  });

  it.each([
    [['list', '--jsn'], "unknown option '--jsn'\n(Did you mean --json?)"],
    [['signups', 'export', 'making-a-case', '--ot', 'x.csv'], "unknown option '--ot'\n(Did you mean --out?)"],
    [['signups', 'add', 'making-a-case', '--lnag', 'es'], "unknown option '--lnag'\n(Did you mean --lang?)"],
    [['waitlist', 'notify', '--dryrun'], "unknown option '--dryrun'\n(Did you mean --dry-run?)"],
  ])('circle %j suggests the nearest option, exit 2', async (args, message) => {
    const result = await circle(args, { cwd: exampleWorkspace() });
    expect([result.code, result.stderr]).toEqual([2, `error: ${message}\n`]);
  });

  /** Every long option of every command, and the same with its last letter typed twice (`--json`, `--jsonn`). */
  const typos = COMMANDS.flatMap((path) => [...HELP.get(path)!.options].filter((flag) => flag.startsWith('--') && flag !== '--help').map((flag) => [path, flag, `${flag}${flag.at(-1)}`] as const));
  /** Commander checks required options before unknown ones (and the arguments after both). */
  const required: Record<string, string[]> = { 'signups move': ['--to', 'lift'], followup: ['--recording', 'https://video.example.org/1'] };

  it.each(typos)('circle %s: a misspelt %s (%s) is refused with it as the suggestion, exit 2', async (path, flag, typo) => {
    const result = await circle([...path.split(' '), ...(required[path] ?? []), typo], { cwd: tempDir() });
    expect([result.code, result.stderr]).toEqual([2, `error: unknown option '${typo}'\n(Did you mean ${flag}?)\n`]);
  });
});
