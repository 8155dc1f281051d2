import { Option, type Command } from 'commander';

/*
 * The options of each command are one record: key = the name a command module reads, value = how
 * it is spelled and parsed. The same record declares the options and reads them back typed, so no
 * untyped bag of options reaches a command. Shared ideas have one builder, hence one spelling.
 */

type Kind = 'text' | 'flag' | 'list' | 'list-or-off' | readonly string[];
type Value<K> = K extends 'text' ? string : K extends 'flag' ? boolean : K extends 'list' ? string[] : K extends 'list-or-off' ? string[] | false : K extends readonly (infer C)[] ? C : never;

export interface Spec<K extends Kind = Kind, Required extends boolean = boolean> {
  readonly kind: K;
  readonly required: Required;
  /** The spellings help shows (`--recorded` and `--no-recorded` are one value). */
  readonly options: readonly Option[];
  /** Old spellings that set the same value, hidden from help. */
  readonly aliases: readonly Option[];
}

export type Specs = Record<string, Spec>;
export type Read<S extends Specs> = { -readonly [K in keyof S as S[K]['required'] extends true ? K : never]: Value<S[K]['kind']> } & {
  -readonly [K in keyof S as S[K]['required'] extends true ? never : K]?: Value<S[K]['kind']>;
};

export const spec = <K extends Kind>(kind: K, ...options: Option[]): Spec<K, false> => ({ kind, required: false, options, aliases: [] });
export const collectList = (value: string, previous: string[] = []) => [...previous, value];

export const text = (flags: string, what: string) => spec('text', new Option(flags, what));
export const flag = (flags: string, what: string) => spec('flag', new Option(flags, what));
export const list = (flags: string, what: string) => spec('list', new Option(flags, what).argParser(collectList));
export const choice = <const C extends readonly string[]>(flags: string, what: string, choices: C) => spec(choices, new Option(flags, what).choices(choices));

/** The option always has a value: a default, or commander refuses the command without it. */
export function withDefault<K extends Kind>(base: Spec<K>, value: Value<K>): Spec<K, true> {
  const [option, ...rest] = base.options;
  return { ...base, required: true, options: [option!.default(value), ...rest] };
}
export function mandatory<K extends Kind>(base: Spec<K>): Spec<K, true> {
  const [option, ...rest] = base.options;
  return { ...base, required: true, options: [option!.makeOptionMandatory(), ...rest] };
}
/** An old spelling keeps working, unseen in help. */
function alias<S extends Spec>(base: S, flags: string): S {
  const [option] = base.options;
  const old = new Option(flags).hideHelp();
  if (option!.argChoices) old.choices(option!.argChoices);
  return { ...base, aliases: [...base.aliases, old] };
}

const LANGS = ['en', 'es'] as const;

/** One builder per idea that several commands share. */
export const shared = {
  series: (what: string) => text('--series <slug>', what),
  lang: (what: string) => alias(choice('--lang <lang>', what, LANGS), '--language <lang>'),
  out: (arg: string, what: string) => text(`-o, --out <${arg}>`, what),
  json: (what: string) => flag('--json', what),
  dryRun: (what: string) => flag('--dry-run', what),
  yes: (what: string) => flag('-y, --yes', what),
};

/** Adds the options of a record to a command; each hidden alias sets its option's value. */
export function declare(command: Command, specs: Specs): Command {
  for (const [key, { options, aliases }] of Object.entries(specs)) {
    for (const option of options) command.addOption(option);
    for (const old of aliases) {
      command.addOption(old);
      command.on(`option:${old.name()}`, (value: unknown) => command.setOptionValueWithSource(key, value, 'cli'));
    }
  }
  return command;
}

function fits(kind: Kind, value: unknown): boolean {
  if (kind === 'text') return typeof value === 'string';
  if (kind === 'flag') return typeof value === 'boolean';
  const strings = Array.isArray(value) && value.every((item) => typeof item === 'string');
  if (kind === 'list') return strings;
  if (kind === 'list-or-off') return strings || value === false;
  return typeof value === 'string' && kind.includes(value);
}

/** The options given to a command, checked against its record, with the workspace folder. */
export function read<S extends Specs>(command: Command, specs: S): Read<S> & { dir: string } {
  // Its own options only: those of a parent command (`invites` above `invites send`) are not its.
  const given = command.opts();
  const out: Record<string, unknown> = { dir: command.optsWithGlobals<{ dir: string }>().dir };
  for (const [key, { kind }] of Object.entries(specs)) {
    const value = given[key];
    if (value === undefined) continue;
    // Commander parsed it from the declaration above, so a mismatch is a declaration bug.
    if (!fits(kind, value)) throw new Error(`option ${key} of ${command.name()} is ${JSON.stringify(value)}, not ${String(kind)}`);
    out[key] = value;
  }
  return out as Read<S> & { dir: string };
}

export const examples = (lines: string[]) => `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`;
