import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleWorkspace } from '../helpers/cli.js';
import { circle } from '../helpers/in-process.js';

/* Text that would break a mail header or read differently on screen, in a hand-written circle file. */

describe('circle validate: one-line fields', () => {
  it('a CR/LF in a title and a right-to-left override in a translated title are errors at file:line:col, and mail commands refuse the circle', async () => {
    const dir = exampleWorkspace();
    const file = join(dir, 'circles', 'making-a-case.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8')
        .replace('title: Making a case for open contracting', 'title: "Making a case\\r\\nBcc: victim@example.org"')
        .replace('    title: Cómo defender la contratación abierta', '    title: "Cómo \\u202Erednefed\\u202C la contratación abierta"'),
    );

    const result = await circle(['validate'], { cwd: dir });

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('circles/making-a-case.yaml:6:8: error: "title": holds a line break (U+000D) at character 14: it must be one line of plain text; remove it');
    expect(result.stdout).toContain('circles/making-a-case.yaml:29:12: error: "translations.es.title": holds the invisible bidi control U+202E at character 6: it must be one line of plain text; remove it');
    expect(result.stderr).toContain('2 errors');
    expect((await circle(['waitlist', 'notify', 'making-a-case', '--dry-run'], { cwd: dir })).code).toBe(1);
  });

  it('a 500 KB invalid host address is quoted by its start and length', async () => {
    const dir = exampleWorkspace();
    const file = join(dir, 'circles', 'making-a-case.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('  email: hera.hussain@example.org', `  email: ${'h'.repeat(500 * 1024)}@example`));

    const result = await circle(['validate'], { cwd: dir });

    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`circles/making-a-case.yaml:14:10: error: "host.email" is not a valid email address: "${'h'.repeat(60)}"… (512,008 characters)`);
    expect(result.stdout).not.toContain('h'.repeat(61));
  });

  it('a summary may still have several lines', async () => {
    const dir = exampleWorkspace();
    const file = join(dir, 'circles', 'making-a-case.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('summary: |-\n  In this session,', 'summary: |-\n  First line.\n\n  In this session,'));

    expect((await circle(['validate'], { cwd: dir })).code).toBe(0);
  });
});
