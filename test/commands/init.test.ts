import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';
import { circle } from '../helpers/in-process.js';
import { isExampleWarning } from '../helpers/organiser.js';

describe('circle init', () => {
  it('creates a workspace that validates straight away, with the schema beside it', async () => {
    const dir = tempDir();
    const result = await circle(
      ['init', 'lift', '--series', 'lift', '--name', 'Lift Learning Circles', '--timezone', 'Europe/London', '--organizer-name', 'Lift Team', '--organizer-email', ' team@example.org '],
      { cwd: dir },
    );
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain('No organizer');
    const workspace = join(dir, 'lift');
    expect(readdirSync(join(workspace, 'circles')).sort()).toEqual(['first-circle.yaml', 'lift.series.yaml']);
    for (const name of ['circle.schema.json', 'series.schema.json']) {
      expect(readFileSync(join(workspace, 'schema', name), 'utf8')).toBe(readFileSync(join(ROOT, 'schema', name), 'utf8'));
    }
    const series = readFileSync(join(workspace, 'circles', 'lift.series.yaml'), 'utf8');
    expect(series.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/series.schema.json');
    expect(series).toContain('slug: lift\nname: Lift Learning Circles\n');
    expect(series).toContain('organizer:\n  name: Lift Team\n  email: team@example.org\ntimezone: Europe/London\n');
    // Placeholders at example.org (uid_domain, links, this organizer) are warned about, nothing else.
    const validate = await circle(['validate', '--json'], { cwd: workspace });
    expect(validate.code).toBe(0);
    const problems = (JSON.parse(validate.stdout) as { problems: Array<{ message: string }> }).problems;
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.filter((p) => !isExampleWarning(p))).toEqual([]);
    const listed = JSON.parse((await circle(['list', '--json'], { cwd: workspace })).stdout) as Array<{ id: string; when: string }>;
    expect(listed.map((c) => c.id)).toEqual(['first-circle']);
    expect(listed[0]?.when).toMatch(/^Wed \d+ \w+ \d{4} 15:00–16:15 Europe\/London$/);
  });

  it('without a terminal or organizer flags, writes no organizer, says how to add one, and validates', async () => {
    const dir = tempDir();
    const result = await circle(['init', '--series', 'lift', '--name', 'Lift Learning Circles'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('No organizer: mail will come from CIRCLE_FROM ("Name <address>"). To name one, add to circles/lift.series.yaml:\n  organizer: { name: "Lift Learning Circles", email: you@example.org }\n');
    const series = readFileSync(join(dir, 'circles', 'lift.series.yaml'), 'utf8');
    expect(series).not.toContain('organizer');
    expect(series).not.toContain('circles@example.org');
    const validate = await circle(['validate'], { cwd: dir });
    expect(validate.code).toBe(0);
    expect(validate.stdout).toContain('circles/first-circle.yaml:3:1: warning: no organizer here or in the series: mail will need CIRCLE_FROM');
    expect(validate.stderr).toMatch(/2 files checked in circles: 0 errors, \d+ warnings/);
    expect(validate.stdout.match(/: warning: /g)?.length).toBe(1 + (validate.stdout.match(/a domain reserved for examples/g)?.length ?? 0));
  });

  it('writes the mailing list and UID domain it is given, and no made-up ones without them', async () => {
    const dir = tempDir();
    const given = await circle(['init', 'a', '--mailing-list-url', 'https://lists.example.org/lift', '--uid-domain', 'Circles.Example.org'], { cwd: dir });
    expect(given.code).toBe(0);
    const series = readFileSync(join(dir, 'a', 'circles', 'my-circles.series.yaml'), 'utf8');
    expect(series).toContain('mailing_list_url: https://lists.example.org/lift\n');
    expect(series).toContain('uid_domain: circles.example.org\n');
    // Without flags: no mailing list; UIDs in the organizer's domain, or in one made for this workspace alone.
    expect((await circle(['init', 'b', '--organizer-name', 'Lift Team', '--organizer-email', 'team@lift.example.org'], { cwd: dir })).code).toBe(0);
    const withOrganizer = readFileSync(join(dir, 'b', 'circles', 'my-circles.series.yaml'), 'utf8');
    expect(withOrganizer).not.toContain('mailing_list_url');
    expect(withOrganizer).toContain('uid_domain: lift.example.org\n');
    const made = await circle(['init', 'c'], { cwd: dir });
    expect(made.code).toBe(0);
    expect(made.stderr).toMatch(/Calendar UIDs use my-circles-[0-9a-f]{12}\.invalid, made for this workspace; for your own domain, change uid_domain in c\/circles\/my-circles\.series\.yaml before the first invitations go out\./);
    expect((await circle(['init', 'd'], { cwd: dir })).code).toBe(0);
    const [c, d] = ['c', 'd'].map((name) => readFileSync(join(dir, name, 'circles', 'my-circles.series.yaml'), 'utf8'));
    for (const text of [c, d]) {
      expect(text).not.toContain('mailing_list_url');
      expect(text).not.toContain('lists.example.org');
      expect(text).not.toContain('circles.example.org');
      expect(text).toMatch(/^uid_domain: my-circles-[0-9a-f]{12}\.invalid$/m);
    }
    expect(/uid_domain: .*/.exec(c as string)?.[0]).not.toBe(/uid_domain: .*/.exec(d as string)?.[0]);
    const validated = await circle(['validate'], { cwd: join(dir, 'c') });
    expect(validated.code).toBe(0);
    expect(validated.stdout).not.toContain('uid_domain');
    const bad = await circle(['init', 'e', '--mailing-list-url', 'lists.example.org', '--uid-domain', 'not a domain'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('error: --mailing-list-url: "lists.example.org" is not an http:// or https:// link');
  });

  it('refuses one organizer flag without the other, or an address that is not one, with exit 2', async () => {
    const dir = tempDir();
    const half = await circle(['init', '--organizer-name', 'Lift Team'], { cwd: dir });
    expect(half.code).toBe(2);
    expect(half.stderr).toContain('error: --organizer-name and --organizer-email go together');
    const bad = await circle(['init', '--organizer-name', 'Lift Team', '--organizer-email', 'team@'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('error: --organizer-email: "team@" is not a valid email address');
    expect(existsSync(join(dir, 'circles'))).toBe(false);
  });

  it('keeps personal data out of git, adding to an existing .gitignore', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.gitignore'), 'node_modules/');
    expect((await circle(['init'], { cwd: dir })).code).toBe(0);
    const lines = readFileSync(join(dir, '.gitignore'), 'utf8').split('\n');
    expect(lines[0]).toBe('node_modules/');
    expect(lines).toContain('/rosters/');
    expect(lines).toContain('/journals/');
    expect(lines).toContain('/circles/.*.lock');
  });

  it('refuses to initialise over an existing workspace', async () => {
    const dir = tempDir();
    expect((await circle(['init'], { cwd: dir })).code).toBe(0);
    const before = readFileSync(join(dir, 'circles', 'first-circle.yaml'), 'utf8');
    const again = await circle(['init'], { cwd: dir });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists and is not empty');
    expect(readFileSync(join(dir, 'circles', 'first-circle.yaml'), 'utf8')).toBe(before);
  });

  it('rejects a bad zone or slug with exit 2, and --dry-run writes nothing', async () => {
    const dir = tempDir();
    const zone = await circle(['init', '--timezone', 'Moon/Base'], { cwd: dir });
    expect(zone.code).toBe(2);
    expect(zone.stderr).toContain('--timezone: "Moon/Base" is not a known IANA time zone');
    expect((await circle(['init', '--series', 'Lift Circles'], { cwd: dir })).code).toBe(2);
    const dry = await circle(['init', 'ws', '--dry-run'], { cwd: dir });
    expect(dry.code).toBe(0);
    expect(dry.stderr).toContain('would write ws/circles/my-circles.series.yaml');
    expect(existsSync(join(dir, 'ws'))).toBe(false);
  });

  it('asks what the flags leave out when it can ask, and checks the answers with the flags\' rules', async () => {
    const dir = tempDir();
    const result = await circle(['init', '--series', 'lift'], { cwd: dir, answers: ['Lift Team', 'team@example.org', 'https://lists.example.org/lift', ''] });
    expect(result.code).toBe(0);
    expect(result.asked).toEqual([
      'Organizer name (who invitations and mail come from; empty for none)',
      'Organizer email',
      'Mailing list link for news of the series (empty for none)',
      'Domain for calendar invitation UIDs (never change it once invites are out)',
    ]);
    const series = readFileSync(join(dir, 'circles', 'lift.series.yaml'), 'utf8');
    expect(series).toContain('organizer:\n  name: Lift Team\n  email: team@example.org\n');
    expect(series).toContain('mailing_list_url: https://lists.example.org/lift\n');
    expect(series).toContain('uid_domain: example.org\n');
    // Given as flags, nothing is asked; a dry run asks nothing either.
    const flags = ['--organizer-name', 'A', '--organizer-email', 'a@example.org', '--mailing-list-url', 'https://lists.example.org/a', '--uid-domain', 'example.org'];
    expect((await circle(['init', 'given', ...flags], { cwd: dir, answers: [] })).asked).toEqual([]);
    expect((await circle(['init', 'dry', '--dry-run'], { cwd: dir, answers: [] })).asked).toEqual([]);
  });

  it('places the example circle four weeks from the clock it is given', async () => {
    const dir = tempDir();
    expect((await circle(['init', '--timezone', 'Europe/London'], { cwd: dir, now: new Date('2030-01-07T12:00:00Z') })).code).toBe(0);
    expect(readFileSync(join(dir, 'circles', 'first-circle.yaml'), 'utf8')).toContain('start: 2030-02-06T15:00\n');
  });
});
