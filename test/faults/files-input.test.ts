import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleWorkspace, ROOT } from '../helpers/cli.js';
import { circle } from '../helpers/in-process.js';

/* Files that were passed over without a word, or checked as if they were circles. */

describe('files in circles/ that are not read', () => {
  it('..yaml and .hidden.yaml are named in a warning; the tool\'s own .published.yaml is not', async () => {
    const dir = exampleWorkspace();
    const source = join(ROOT, 'circles', 'making-a-case.yaml');
    cpSync(source, join(dir, 'circles', '..yaml'));
    cpSync(source, join(dir, 'circles', '.hidden.yaml'));
    writeFileSync(join(dir, 'circles', '.published.yaml'), 'version: 1\n');
    const result = await circle(['validate'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('circles/..yaml:1:1: warning: ..yaml is not read: a file whose name starts with a dot is never a circle');
    expect(result.stdout).toContain('circles/.hidden.yaml:1:1: warning: .hidden.yaml is not read: a file whose name starts with a dot is never a circle');
    expect(result.stdout).toContain('hint: if it is a circle, rename it to <id>.yaml; otherwise move it out of circles/');
    expect(result.stdout).not.toContain('.published.yaml');
  });
});

describe('validate with a path that is not a circle file', () => {
  it('validate /etc/passwd is an error, not "0 errors"', async () => {
    const dir = exampleWorkspace();
    const result = await circle(['validate', '/etc/passwd'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: /etc/passwd is not a circle or series file');
    expect(result.stderr).toContain('hint: circle files end in .yaml or .yml');
    expect(result.stderr).not.toContain('0 errors');
  });

  it('a circle file and a rosters/ path are still taken', async () => {
    const dir = exampleWorkspace();
    const result = await circle(['validate', 'circles/making-a-case.yaml'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('1 file checked in the given paths: 0 errors');
  });
});
