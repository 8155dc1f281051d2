import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isValidEmail } from '../../src/model/email.js';
import { rosterProblems } from '../../src/roster/checks.js';
import { parseRoster, parseRosterYaml } from '../../src/roster/file.js';
import { REPLIES, STATUSES, compareSignups, instant, type Roster, type Signup } from '../../src/roster/types.js';
import { renderRoster } from '../../src/roster/write.js';
import { readWrittenRoster } from '../../src/roster/written.js';
import { tempDir } from '../helpers/cli.js';

/** A small seeded generator (mulberry32), so a failing roster can be made again from its seed. */
function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (below: number) => Math.floor(next() * below);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Random = ReturnType<typeof random>;

// Pieces of text that YAML reads as something else, or that need quoting, escaping or care.
const AWKWARD = [
  'Ana García', 'Zoë Ñandú-Østergaard', "O'Brien", '"Bob"', 'say "hi"', 'Ana: la jefa', 'ends with:', ':start', 'a:b', 'key: value',
  '-dash', '- item', '--', '---', '...', '# hash', 'a #b', 'a#b', '0123', '123', '1e3', '.5', '0x1F', '0o17', '+1', '-1', '1_000',
  'yes', 'no', 'Yes', 'NO', 'on', 'off', 'y', 'n', 'true', 'False', 'null', 'Null', '~', '.inf', '-.inf', '.NaN', '12:30', '2019-10-28',
  '=SUM(A1)', '@home', '&anchor', '*alias', '!tag', '%percent', '`tick`', '|pipe', '>fold', '? question', '<<', 'a, b', '[x]', '{y}',
  'back\\slash', 'tab\there', 'line\nbreak', 'cr\rhere', 'ls\u2028here', 'ps\u2029here', 'nel\u0085here', 'nbsp\u00a0here',
  'zero\u200bwidth', 'bom\ufeffhere', 'del\u007fhere', 'bell\u0007', 'emoji 🎉', '李小龙', 'مرحبا', 'İstanbul', 'e\u0301', 'x'.repeat(300),
];
const SEPARATORS = [' ', '', ', ', ': ', ' # ', '-', "'", '"', '\u2028', ' / '];

/** Text the schema keeps as it is (trimmed, not empty), as an import would store it. */
function awkwardText(r: Random): string {
  let value = r.pick(AWKWARD);
  for (let i = r.int(3); i > 0; i--) value += r.pick(SEPARATORS) + r.pick(AWKWARD);
  return value.trim() || 'x';
}

const LOCAL = ['ana', 'o\'brien', 'ana+circle', 'ana.garcia', '-lead', '#hash', '{brace}', 'a|b', 'x=y', '0123', 'yes', 'NO', '~', "it's+me", 'a!b', '`tick`', 'per%cent'];
const DOMAIN = ['example.org', 'sub.example.org', 'EXAMPLE.ORG', 'x-y.example.org', 'example.org.uk'];
function email(r: Random, i: number): string {
  const address = `${r.pick(LOCAL)}${r.chance(0.5) ? i : ''}@${r.pick(DOMAIN)}`;
  if (!isValidEmail(address)) throw new Error(`generator made an invalid address: ${address}`);
  return address;
}

const someTime = (r: Random) => new Date(Date.UTC(2000, 0, 1) + r.int(100 * 365 * 24 * 3600) * 1000 + r.int(1000)).toISOString();

function signup(r: Random, i: number): Signup {
  const via = r.pick(['import', 'walk-in', 'move'] as const);
  const status = r.pick(STATUSES);
  const optional = (value: () => string) => (r.chance(0.6) ? value() : undefined);
  const s: Signup = {
    email: email(r, i),
    language: r.pick(['en', 'es'] as const),
    signedUp: r.chance(0.2) ? '2019-10-28T09:14:02.000Z' : someTime(r), // ties in time, broken by import and row
    source: { via, import: 1 + r.int(5) },
    status,
    statusChanged: someTime(r),
  };
  const name = optional(() => awkwardText(r));
  const organisation = optional(() => awkwardText(r));
  const country = optional(() => awkwardText(r));
  const file = via === 'import' || r.chance(0.1) ? awkwardText(r) : undefined;
  const note = optional(() => (r.chance(0.5) ? `moved to ${awkwardText(r)}` : awkwardText(r)));
  if (name !== undefined) s.name = name;
  if (organisation !== undefined) s.organisation = organisation;
  if (country !== undefined) s.country = country;
  if (file !== undefined) s.source.file = file;
  if (file !== undefined || r.chance(0.1)) s.row = 2 + r.int(100_000);
  if (r.chance(0.3)) s.source.untimed = true;
  if (via === 'move' || r.chance(0.1)) s.source.from = r.chance(0.7) ? 'making-a-case' : awkwardText(r);
  if (status === 'offered') s.offerExpires = someTime(r);
  if (r.chance(0.3)) s.seatEmailOwed = true;
  if (r.chance(0.3)) {
    s.reply = r.pick(REPLIES);
    s.replied = someTime(r);
  }
  if (note !== undefined) s.note = note;
  return s;
}

function roster(seed: number): Roster {
  const r = random(seed);
  const count = r.chance(0.1) ? 0 : 1 + r.int(25);
  return {
    circle: r.pick(['making-a-case', 'health-outcomes', 'yes', '0123', 'circle: two', 'Lift #3', '-x']),
    lastImport: r.int(50),
    signups: Array.from({ length: count }, (_, i) => signup(r, i)),
    removed: Array.from({ length: r.chance(0.3) ? 1 + r.int(3) : 0 }, () => ({
      removed: someTime(r),
      status: r.pick(STATUSES),
      fingerprint: Array.from({ length: 64 }, () => r.pick([...'0123456789abcdef'])).join(''),
    })),
  };
}

const GROUP = { confirmed: 0, offered: 1, waitlisted: 2, cancelled: 3 };
/** The roster in the order the writer puts it: seated, waitlisted, cancelled, each in signup order. */
const inWriterOrder = (r: Roster): Roster => ({ ...r, signups: [...r.signups].sort((a, b) => GROUP[a.status] - GROUP[b.status] || compareSignups(a, b)) });

describe('the fast roster reader', () => {
  it('reads every written roster exactly as YAML and the schema do, and as it was written', () => {
    let signups = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const original = roster(seed);
      signups += original.signups.length;
      const bytes = Buffer.from(renderRoster(original));
      const fast = parseRoster(bytes);
      const full = parseRosterYaml(bytes);
      expect(readWrittenRoster(bytes.toString()), `seed ${seed}: the fast reader declined`).toBeDefined();
      expect(fast.yaml, `seed ${seed}`).toBeUndefined();
      expect(full.findings, `seed ${seed}`).toEqual([]);
      // Same values and the same keys in the same order (commands print signups as JSON).
      expect(JSON.stringify(fast.roster), `seed ${seed}`).toBe(JSON.stringify(full.roster));
      expect(fast.roster, `seed ${seed}`).toEqual(inWriterOrder(original));
    }
    expect(signups).toBeGreaterThan(4000);
  });

  const written = renderRoster({
    circle: 'making-a-case',
    lastImport: 2,
    signups: [
      { name: 'Ana García', email: 'ana@example.org', language: 'es', organisation: 'Fundación Ejemplo', signedUp: '2019-10-28T09:14:02.000Z', source: { via: 'import', file: 'responses.csv', import: 1 }, row: 2, status: 'confirmed', statusChanged: '2019-10-29T10:00:00.000Z' },
      { name: 'Bo Li', email: 'bo@example.org', language: 'en', signedUp: '2019-10-28T09:20:00.000Z', source: { via: 'import', file: 'responses.csv', import: 1 }, row: 3, status: 'waitlisted', statusChanged: '2019-10-29T10:00:00.000Z' },
    ],
    removed: [{ removed: '2019-11-01T00:00:00.000Z', status: 'cancelled', fingerprint: 'a'.repeat(64) }],
  });

  // Hand edits: each is declined by the fast reader and read as the full reader reads it.
  it.each([
    ['a comment after a value', (t: string) => t.replace('name: Bo Li', 'name: Bo Li # called on Monday')],
    ['a comment line between keys', (t: string) => t.replace('    language: en', '    # prefers mornings\n    language: en')],
    ['single quotes', (t: string) => t.replace('name: Bo Li', "name: 'Bo Li'")],
    ['double quotes the writer would not use', (t: string) => t.replace('name: Bo Li', 'name: "Bo Li"')],
    ['quotes around a name with spaces', (t: string) => t.replace('name: Bo Li', 'name: "  Bo Li "')],
    ['a block scalar', (t: string) => t.replace('    status: waitlisted', '    status: waitlisted\n    note: |\n      called twice\n      no answer')],
    ['keys in another order', (t: string) => t.replace('    email: bo@example.org\n    language: en', '    language: en\n    email: bo@example.org')],
    ['a seat given by hand (status out of its group)', (t: string) => t.replace('status: waitlisted', 'status: confirmed')],
    ['a group count edited', (t: string) => t.replace('waitlist, in order: 1', 'waitlist, in order: 3')],
    ['a time in another form', (t: string) => t.replace('signed_up: 2019-10-28T09:20:00.000Z', 'signed_up: 2019-10-28T10:20:00+01:00')],
    ['a blank line', (t: string) => t.replace('signups:\n', 'signups:\n\n')],
    ['Windows line ends', (t: string) => t.replaceAll('\n', '\r\n')],
    ['a byte order mark', (t: string) => `\ufeff${t}`],
    ['seat_email_owed: false', (t: string) => t.replace('    status: waitlisted\n', '    status: waitlisted\n    seat_email_owed: false\n')],
    ['an unknown key', (t: string) => t.replace('    language: en', '    language: en\n    contry: Chile')],
    ['an unknown status', (t: string) => t.replace('status: waitlisted', 'status: maybe')],
    ['a name that is a number', (t: string) => t.replace('name: Bo Li', 'name: 123')],
    ['an invalid email', (t: string) => t.replace('bo@example.org', 'bo@example')],
    ['a duplicate key', (t: string) => t.replace('    language: en', '    language: en\n    language: es')],
    ['a row number below 2', (t: string) => t.replace('row: 3', 'row: 1')],
    ['a removed note with a short fingerprint', (t: string) => t.replace('a'.repeat(64), 'abc')],
    ['the header comment changed', (t: string) => t.replace('# Written by', '# Kept by')],
    ['something after the end line', (t: string) => `${t}\n`],
  ])('%s: read as the full reader reads it', (_, edit) => {
    const text = edit(written);
    expect(text).not.toBe(written);
    const bytes = Buffer.from(text);
    expect(readWrittenRoster(text)).toBeUndefined();
    const parsed = parseRoster(bytes);
    const full = parseRosterYaml(bytes);
    // A roster with problems keeps the full reader's YAML, to place them at file:line:col.
    if (full.findings.length > 0) expect(parsed.yaml === undefined).toBe(full.yaml === undefined);
    expect(parsed.roster).toEqual(full.roster);
    expect(parsed.findings).toEqual(full.findings);
  });

  it('takes a time only in the form instant() writes, on a day and at an hour that exist', () => {
    const edges = [
      '2020-02-29T00:00:00.000Z', '2019-02-29T00:00:00.000Z', '2000-02-29T12:00:00.000Z', '1900-02-29T12:00:00.000Z', '2019-04-30T23:59:59.999Z',
      '2019-04-31T00:00:00.000Z', '2019-12-31T23:59:59.999Z', '2019-13-01T00:00:00.000Z', '2019-00-10T00:00:00.000Z', '2019-01-00T00:00:00.000Z',
      '2019-01-01T24:00:00.000Z', '2019-01-01T23:60:00.000Z', '2019-01-01T23:59:60.000Z', '0000-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z',
      '2019-01-01T10:00:00Z', '2019-01-01T10:00:00.000+00:00', '2019-1-01T10:00:00.000Z',
    ];
    for (const at of edges) {
      const text = written.replace('signed_up: 2019-10-28T09:20:00.000Z', `signed_up: ${at}`);
      const canonical = !Number.isNaN(Date.parse(at)) && new Date(Date.parse(at)).toISOString() === at;
      expect(readWrittenRoster(text) !== undefined, at).toBe(canonical);
      expect(parseRoster(Buffer.from(text)).roster, at).toEqual(parseRosterYaml(Buffer.from(text)).roster);
    }
  });

  it('leaves bytes that are not UTF-8 to the full reader', () => {
    const bytes = Buffer.from(written);
    bytes[bytes.indexOf('Bo Li') + 4] = 0xff; // "Bo L\xff": Latin-1 where UTF-8 belongs
    expect(parseRoster(bytes).findings.map((f) => f.message)).toEqual(['not UTF-8 text']);
  });

  it('hand edits keep their problems at file:line:col', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'rosters'));
    const lines = written.split('\n');
    const line = (start: string) => lines.findIndex((l) => l.startsWith(start)) + 1;
    writeFileSync(join(dir, 'rosters', 'making-a-case.yaml'), written.replace('    language: en', '    language: en\n    contry: Chile').replace('status: waitlisted', 'status: maybe'));
    const problems = await rosterProblems(dir, 'making-a-case', 20);
    expect(problems.map((p) => `${p.line}:${p.col}: ${p.message}`)).toEqual([
      `${line('    status: waitlisted') + 1}:13: "signups[1].status" must be one of "confirmed", "offered", "waitlisted", "cancelled", not "maybe"`,
      `${line('    language: en') + 1}:5: unknown field "contry"`,
    ]);
  });

  it('a roster read fast still has its rule problems placed at file:line:col', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'rosters'));
    const twice = written.replace('bo@example.org', 'ANA@example.org');
    expect(readWrittenRoster(twice)).toBeDefined();
    writeFileSync(join(dir, 'rosters', 'making-a-case.yaml'), twice);
    const problems = await rosterProblems(dir, 'making-a-case', 20);
    const line = (text: string) => twice.split('\n').indexOf(text) + 1;
    expect(problems.map((p) => `${p.line}:${p.col}: ${p.message}`)).toEqual([
      `${line('    email: ANA@example.org')}:12: ANA@example.org is on the roster twice (also signups[0])`,
      `${line('  - name: Ana García')}:3: 19 free seat(s) while 1 people wait`,
    ]);
  });
});

describe('instant', () => {
  it('writes exactly what toISOString writes, from day to day and at the edges', () => {
    const r = random(7);
    const edges = [0, -1, 1, 86_399_999, 86_400_000, -86_400_000, -86_400_001, 951_782_400_000, -62_167_219_200_000, 253_402_300_799_999, 8.64e15, -8.64e15, 1.5, -1.5];
    const times = [...edges, ...Array.from({ length: 20_000 }, (_, i) => (i % 2 ? Date.UTC(2019, 9, 28) + i * 7_001 : Math.round((r.next() - 0.5) * 2e14)))];
    for (const ms of times) expect(instant(ms), String(ms)).toBe(new Date(ms).toISOString());
    expect(instant(new Date(Date.UTC(2019, 9, 28, 9, 14, 2)))).toBe('2019-10-28T09:14:02.000Z');
    expect(() => instant(Number.NaN)).toThrow(RangeError);
    expect(() => instant(8.64e15 + 1)).toThrow(RangeError);
  });
});
