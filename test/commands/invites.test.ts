import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleWorkspace, tempDir } from '../helpers/cli.js';
import { circle } from '../helpers/in-process.js';
import { MACHINE_ZONES, parseCalendar, physicalLines } from '../invites/fixtures.js';

const LIFT = [
  ['making-a-case@circles.example.org', '2019-11-06T08:30:00Z', '2019-11-06T09:45:00Z'],
  ['supplier-engagement@circles.example.org', '2019-11-21T13:00:00Z', '2019-11-21T14:15:00Z'],
  ['health-outcomes@circles.example.org', '2019-12-04T12:00:00Z', '2019-12-04T13:15:00Z'],
  ['ocds-field-mapping@circles.example.org', '2019-12-16T10:00:00Z', '2019-12-16T11:15:00Z'],
];

const read = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');
const edit = (dir: string, id: string, from: RegExp | string, to: string) => {
  const path = join(dir, 'circles', `${id}.yaml`);
  const before = readFileSync(path, 'utf8');
  const after = before.replace(from, to);
  if (after === before) throw new Error(`edit of ${id} changed nothing`);
  writeFileSync(path, after);
};
const eventIn = (dir: string, id: string) => {
  const text = read(dir, `invites/${id}.ics`);
  physicalLines(text);
  const [event] = parseCalendar(text).events;
  if (!event) throw new Error(`no event in ${id}.ics`);
  return event;
};

/** Runs `run` as on a machine set to `zone`: Date, Intl and luxon read TZ as they go. */
async function onMachineIn<T>(zone: string, run: () => Promise<T>): Promise<T> {
  const saved = process.env.TZ;
  process.env.TZ = zone;
  try {
    return await run();
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
}

describe.each(MACHINE_ZONES)('circle invites with TZ=%s', (zone) => {
  const otherZone = MACHINE_ZONES.find((z) => z !== zone) ?? 'UTC';
  const invites = (dir: string, args: string[] = [], tz: string = zone) => onMachineIn(tz, () => circle(['invites', ...args], { cwd: dir }));

  it('writes one file per circle and a feed, with the right instants, byte for byte the same when run again in another zone', async () => {
    const dir = exampleWorkspace();
    const first = await invites(dir, ['--feed']);
    expect(first.code, first.stderr).toBe(0);
    const names = ['making-a-case', 'supplier-engagement', 'health-outcomes', 'ocds-field-mapping', 'lift'].map((id) => `invites/${id}.ics`);
    expect(first.stdout).toBe(`${names.join('\n')}\n`);
    expect(first.stderr).toContain('wrote 5 files to invites');

    const files = Object.fromEntries(readdirSync(join(dir, 'invites')).map((name) => [name, read(dir, `invites/${name}`)]));
    for (const text of Object.values(files)) physicalLines(text);
    const feed = parseCalendar(files['lift.ics'] ?? '');
    expect(feed.calendar.getFirstPropertyValue('x-wr-calname')).toBe('Lift Learning Circles');
    expect(feed.events.map((e) => [e.uid, e.start, e.end])).toEqual(LIFT);
    for (const [uid, start, end] of LIFT) {
      const event = eventIn(dir, uid?.split('@')[0] ?? '');
      expect([event.uid, event.start, event.end, event.sequence]).toEqual([uid, start, end, 0]);
    }
    const state = read(dir, 'circles/.published.yaml');

    const again = await invites(dir, ['--feed'], otherZone);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('wrote 0 files to invites (5 unchanged)');
    for (const [name, text] of Object.entries(files)) expect(read(dir, `invites/${name}`)).toBe(text);
    expect(read(dir, 'circles/.published.yaml')).toBe(state);
  });

  it('raises SEQUENCE and DTSTAMP over a time edit, and neither over a summary edit', async () => {
    const dir = exampleWorkspace();
    expect((await invites(dir)).code).toBe(0);
    const original = eventIn(dir, 'supplier-engagement');

    edit(dir, 'supplier-engagement', 'Public procurement can become', 'Public buying can become');
    const summaryEdit = await invites(dir, ['supplier-engagement'], otherZone);
    expect(summaryEdit.code, summaryEdit.stderr).toBe(0);
    expect(summaryEdit.stderr).not.toContain('SEQUENCE');
    const afterSummary = eventIn(dir, 'supplier-engagement');
    expect(afterSummary.description).toMatch(/^Public buying can become/);
    expect([afterSummary.uid, afterSummary.sequence, afterSummary.stamp]).toEqual([original.uid, 0, original.stamp]);

    edit(dir, 'supplier-engagement', 'start: 2019-11-21T13:00', 'start: 2019-11-22T13:00');
    edit(dir, 'supplier-engagement', 'end: 14:15', 'end: 14:30');
    const timeEdit = await invites(dir, ['supplier-engagement']);
    expect(timeEdit.code, timeEdit.stderr).toBe(0);
    expect(timeEdit.stderr).toContain('supplier-engagement: time, platform, meeting link or status changed since last published: SEQUENCE 0 -> 1');
    const moved = eventIn(dir, 'supplier-engagement');
    expect([moved.uid, moved.sequence, moved.start, moved.end]).toEqual([original.uid, 1, '2019-11-22T13:00:00Z', '2019-11-22T14:30:00Z']);
    const state = read(dir, 'circles/.published.yaml');
    expect(state).toMatch(/supplier-engagement:\n {4}uid: supplier-engagement@circles\.example\.org\n {4}sequence: 1\n/);
    // DTSTAMP is the time this change was published, as recorded.
    expect(state).toContain(`published: ${moved.stamp}\n    series: lift\n    number: 2\n`);
    expect(Date.parse(moved.stamp)).toBeGreaterThanOrEqual(Date.parse(original.stamp));
    // Only the circle asked for was written again.
    expect(eventIn(dir, 'making-a-case').sequence).toBe(0);
  });
});

describe('circle invites', async () => {
  it('keeps the UID when a circle file is renamed with its id, and when the title changes', async () => {
    const dir = exampleWorkspace();
    expect((await circle(['invites'], { cwd: dir })).code).toBe(0);
    renameSync(join(dir, 'circles/making-a-case.yaml'), join(dir, 'circles/the-case.yaml'));
    edit(dir, 'the-case', 'id: making-a-case', 'id: the-case');
    edit(dir, 'the-case', 'title: Making a case for open contracting', 'title: The case for open contracting');
    const result = await circle(['invites', 'the-case'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('the-case was making-a-case: it keeps its calendar UID making-a-case@circles.example.org');
    const event = eventIn(dir, 'the-case');
    expect([event.uid, event.sequence, event.summary]).toEqual(['making-a-case@circles.example.org', 0, 'Learning Circle #1: The case for open contracting']);
    const state = read(dir, 'circles/.published.yaml');
    expect(state).toContain('  the-case:\n    uid: making-a-case@circles.example.org\n');
    expect(state).not.toContain('  making-a-case:');
    expect((await circle(['validate'], { cwd: dir })).code).toBe(0);
  });

  it('cancels a circle: same UID, SEQUENCE up, STATUS:CANCELLED in its file and in the feed', async () => {
    const dir = exampleWorkspace();
    expect((await circle(['invites', '--feed'], { cwd: dir })).code).toBe(0);
    edit(dir, 'health-outcomes', 'status: scheduled', 'status: cancelled');
    const result = await circle(['invites', 'health-outcomes', '--feed'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    // The other circles' files written before are checked too: unchanged, so not rewritten.
    expect(result.stdout).toBe('invites/health-outcomes.ics\ninvites/making-a-case.ics\ninvites/supplier-engagement.ics\ninvites/ocds-field-mapping.ics\ninvites/lift.ics\n');
    expect(result.stderr).toContain('wrote 2 files to invites (3 unchanged)');
    const event = eventIn(dir, 'health-outcomes');
    expect([event.uid, event.sequence, event.status, event.alarms.length]).toEqual(['health-outcomes@circles.example.org', 1, 'CANCELLED', 0]);
    const feed = parseCalendar(read(dir, 'invites/lift.ics')).events;
    expect(feed.map((e) => [e.uid.split('@')[0], e.sequence, e.status])).toEqual([
      ['making-a-case', 0, 'CONFIRMED'],
      ['supplier-engagement', 0, 'CONFIRMED'],
      ['health-outcomes', 1, 'CANCELLED'],
      ['ocds-field-mapping', 0, 'CONFIRMED'],
    ]);
  });

  it('writes nothing with --dry-run, not even the published state', async () => {
    const dir = exampleWorkspace();
    const result = await circle(['invites', '--feed', '--dry-run'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.split('\n')).toContain('invites/lift.ics');
    expect(result.stderr).toContain('dry run: would write 5 files to invites; nothing written');
    expect(existsSync(join(dir, 'invites'))).toBe(false);
    expect(existsSync(join(dir, 'circles/.published.yaml'))).toBe(false);
  });

  it('takes -C, --out (from the current folder), --lang and --json', async () => {
    const dir = exampleWorkspace();
    const cwd = tempDir();
    const result = await circle(['-C', dir, 'invites', 'ocds-field-mapping', '--out', 'public', '--lang', 'es', '--json'], { cwd });
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as { out: string; files: unknown[]; circles: unknown[] };
    expect(json.out).toBe(join(cwd, 'public'));
    expect(json.files).toEqual([{ path: join(cwd, 'public/ocds-field-mapping.ics'), kind: 'circle', ids: ['ocds-field-mapping'], written: true }]);
    expect(json.circles).toEqual([
      { id: 'ocds-field-mapping', uid: 'ocds-field-mapping@circles.example.org', sequence: 0, change: 'new', published: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) },
    ]);
    const [event] = parseCalendar(readFileSync(join(cwd, 'public/ocds-field-mapping.ics'), 'utf8')).events;
    expect(event?.summary).toBe('Círculo de aprendizaje n.º 4: Cómo mapear tu sistema actual al OCDS');
    expect(existsSync(join(dir, 'circles/.published.yaml'))).toBe(true);
  });

  it('warns when the language asked for has no translation', async () => {
    const dir = exampleWorkspace();
    edit(dir, 'health-outcomes', /translations:[\s\S]*$/, '');
    const result = await circle(['invites', 'health-outcomes', '--lang', 'es'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('warning: health-outcomes has no es title, summary: using the en text (add translations.es)');
  });

  it('puts a host name with a line break and a quote through as one clean line', async () => {
    const dir = exampleWorkspace();
    edit(dir, 'making-a-case', 'name: Hera Hussain', 'name: "Hera \\"H\\"\\nHussain"');
    expect((await circle(['validate'], { cwd: dir })).code).toBe(0);
    const result = await circle(['invites', 'making-a-case'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(eventIn(dir, 'making-a-case').description).toContain("Host: Hera 'H' Hussain (Open Contracting Partnership)\n");
  });

  it('fails with exit 2 on an unknown circle or language, and exit 1 on a damaged published state', async () => {
    const dir = exampleWorkspace();
    const unknown = await circle(['invites', 'making-a-cas'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('error: no circle "making-a-cas"\n  hint: did you mean "making-a-case"?');
    expect((await circle(['invites', '--lang', 'fr'], { cwd: dir })).code).toBe(2);

    writeFileSync(join(dir, 'circles/.published.yaml'), 'circles:\n  making-a-case:\n    uid: making-a-case@circles.example.org\n    sequence: -1\n');
    const damaged = await circle(['invites'], { cwd: dir });
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).toMatch(/error: circles\/\.published\.yaml:4:15: the published state is damaged: .*sequence/);
    expect(damaged.stderr).toContain('hint: restore it from git (git checkout -- circles/.published.yaml)');
    writeFileSync(join(dir, 'circles/.published.yaml'), '');
    const empty = await circle(['invites'], { cwd: dir });
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('the published state is damaged: file is empty');
    expect(existsSync(join(dir, 'invites'))).toBe(false);
  });

  it('warns of a circle published whose file is gone, and keeps files written before in step', async () => {
    const dir = exampleWorkspace();
    expect((await circle(['invites', '--feed'], { cwd: dir })).code).toBe(0);
    rmSync(join(dir, 'circles/ocds-field-mapping.yaml'));
    edit(dir, 'health-outcomes', 'start: 2019-12-04T12:00', 'start: 2019-12-05T12:00');
    const dry = await circle(['invites', 'health-outcomes', '--dry-run'], { cwd: dir });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stderr).toBe(
      [
        "warning: ocds-field-mapping was published but its file is gone: its event stays in people's calendars (restore the file with status: cancelled to remove it)",
        'health-outcomes: time, platform, meeting link or status changed since last published: SEQUENCE 0 -> 1',
        'would also rewrite invites/lift.ics, written here before, so that no calendar file is left out of date',
        'dry run: would write 4 files to invites; nothing written',
        '',
      ].join('\n'),
    );
    expect(dry.stdout).toBe('invites/health-outcomes.ics\ninvites/making-a-case.ics\ninvites/supplier-engagement.ics\ninvites/lift.ics\n');
    expect(existsSync(join(dir, 'invites/ocds-field-mapping.ics'))).toBe(true);
  });

  it('refuses a feed that would overwrite a circle file of the same name', async () => {
    const dir = exampleWorkspace();
    renameSync(join(dir, 'circles/making-a-case.yaml'), join(dir, 'circles/lift.yaml'));
    edit(dir, 'lift', 'id: making-a-case', 'id: lift');
    const result = await circle(['invites', '--feed'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the feed of series "lift" and circle "lift" would both be lift.ics');
    expect(existsSync(join(dir, 'circles/.published.yaml'))).toBe(false);
  });

  it('records nothing when the output folder cannot be made', async () => {
    const dir = exampleWorkspace();
    writeFileSync(join(dir, 'taken'), 'a file, not a folder');
    const result = await circle(['invites', '--out', 'taken'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: cannot make the folder taken: EEXIST');
    expect(existsSync(join(dir, 'circles/.published.yaml'))).toBe(false);
  });
});

describe('circle invites and circle invites send: each reads its own options', () => {
  it('refuses options of `invites` given before `send`, and sends nothing', async () => {
    const dir = exampleWorkspace();
    for (const [given, flags] of [
      [['--json'], '--json'],
      [['--dry-run'], '--dry-run'],
      [['--lang', 'es', '--feed'], '--feed, --lang'],
    ] as const) {
      const result = await circle(['invites', ...given, 'send', 'health-outcomes'], { cwd: dir, env: { CIRCLE_SMTP_URL: 'smtp://127.0.0.1:9' } });
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        `error: ${flags} before \`send\` is an option of \`circle invites\`, not of \`circle invites send\`\n  hint: give the options of \`invites send\` after \`send\` (see circle invites send --help)\n`,
      );
    }
    expect(existsSync(join(dir, 'circles/.published.yaml'))).toBe(false);
  });

  it('leaves options after `send` to `send`: --dry-run with --preview is a conflict there (exit 2), -o is not one of its options', async () => {
    const dir = exampleWorkspace();
    const both = await circle(['invites', 'send', 'health-outcomes', '--dry-run', '--preview', 'outbox'], { cwd: dir });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("error: option '--dry-run' cannot be used with option '--preview <dir>'");
    const out = await circle(['invites', 'send', 'health-outcomes', '-o', 'public'], { cwd: dir });
    expect(out.code).toBe(2);
    expect(out.stderr).toContain("error: unknown option '-o'");
    expect(existsSync(join(dir, 'outbox'))).toBe(false);
    expect(existsSync(join(dir, 'public'))).toBe(false);
  });

  it('still takes its own options before its circles', async () => {
    const dir = exampleWorkspace();
    const result = await circle(['invites', '--lang', 'es', '--json', 'ocds-field-mapping'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { files: Array<{ ids: string[] }> }).files.map((f) => f.ids)).toEqual([['ocds-field-mapping']]);
    expect(eventIn(dir, 'ocds-field-mapping').summary).toBe('Círculo de aprendizaje n.º 4: Cómo mapear tu sistema actual al OCDS');
  });
});
