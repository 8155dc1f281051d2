import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';

describe('circle init', () => {
  it('creates a workspace that validates straight away, with the schema beside it', () => {
    const dir = tempDir();
    const result = runCli(['init', 'lift', '--series', 'lift', '--name', 'Lift Learning Circles', '--timezone', 'Europe/London'], { cwd: dir });
    expect(result.code).toBe(0);
    const workspace = join(dir, 'lift');
    expect(readdirSync(join(workspace, 'circles')).sort()).toEqual(['first-circle.yaml', 'lift.series.yaml']);
    for (const name of ['circle.schema.json', 'series.schema.json']) {
      expect(readFileSync(join(workspace, 'schema', name), 'utf8')).toBe(readFileSync(join(ROOT, 'schema', name), 'utf8'));
    }
    const series = readFileSync(join(workspace, 'circles', 'lift.series.yaml'), 'utf8');
    expect(series.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/series.schema.json');
    expect(series).toContain('slug: lift\nname: Lift Learning Circles\n');
    expect(series).toContain('timezone: Europe/London\n');
    const validate = runCli(['validate', '--strict'], { cwd: workspace });
    expect(validate.code).toBe(0);
    expect(validate.stderr).toContain('2 files checked in circles: 0 errors, 0 warnings');
    const listed = JSON.parse(runCli(['list', '--json'], { cwd: workspace }).stdout) as Array<{ id: string; when: string }>;
    expect(listed.map((c) => c.id)).toEqual(['first-circle']);
    expect(listed[0]?.when).toMatch(/^Wed \d+ \w+ \d{4} 15:00–16:15 Europe\/London$/);
  });

  it('keeps personal data out of git, adding to an existing .gitignore', () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.gitignore'), 'node_modules/');
    expect(runCli(['init'], { cwd: dir }).code).toBe(0);
    const lines = readFileSync(join(dir, '.gitignore'), 'utf8').split('\n');
    expect(lines[0]).toBe('node_modules/');
    expect(lines).toContain('/rosters/');
    expect(lines).toContain('/journals/');
  });

  it('refuses to initialise over an existing workspace', () => {
    const dir = tempDir();
    expect(runCli(['init'], { cwd: dir }).code).toBe(0);
    const before = readFileSync(join(dir, 'circles', 'first-circle.yaml'), 'utf8');
    const again = runCli(['init'], { cwd: dir });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists and is not empty');
    expect(readFileSync(join(dir, 'circles', 'first-circle.yaml'), 'utf8')).toBe(before);
  });

  it('rejects a bad zone or slug with exit 2, and --dry-run writes nothing', () => {
    const dir = tempDir();
    const zone = runCli(['init', '--timezone', 'Moon/Base'], { cwd: dir });
    expect(zone.code).toBe(2);
    expect(zone.stderr).toContain('--timezone: "Moon/Base" is not a known IANA time zone');
    expect(runCli(['init', '--series', 'Lift Circles'], { cwd: dir }).code).toBe(2);
    const dry = runCli(['init', 'ws', '--dry-run'], { cwd: dir });
    expect(dry.code).toBe(0);
    expect(dry.stderr).toContain('would write ws/circles/my-circles.series.yaml');
    expect(existsSync(join(dir, 'ws'))).toBe(false);
  });
});
