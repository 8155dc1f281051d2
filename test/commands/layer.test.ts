import { afterEach, describe, expect, it, vi } from 'vitest';
import { exampleWorkspace, tempDir } from '../helpers/cli.js';
import { circle } from '../helpers/in-process.js';

/* The command layer itself: commands return results, and one place prints them and picks the exit code. */

afterEach(() => vi.restoreAllMocks());

describe('one printer', () => {
  it('a command run in process writes only to the streams of its context, never to the process', async () => {
    const out = vi.spyOn(process.stdout, 'write');
    const err = vi.spyOn(process.stderr, 'write');
    const result = await circle(['list', '--series', 'lift'], { cwd: exampleWorkspace() });
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[1]).toMatch(/^making-a-case\s+1\s+Making a case/);
    expect(out).not.toHaveBeenCalled();
    expect(err).not.toHaveBeenCalled();
  });

  it('--json prints the documented shape on stdout and keeps messages on stderr', async () => {
    const empty = tempDir();
    const { mkdirSync } = await import('node:fs');
    mkdirSync(`${empty}/circles`);
    const json = await circle(['list', '--json'], { cwd: empty });
    expect(json).toMatchObject({ code: 0, stdout: '[]\n', stderr: '' });
    const text = await circle(['list'], { cwd: empty });
    expect(text).toMatchObject({ code: 0, stdout: '', stderr: 'no circles yet: add one with `circle add`\n' });
  });

  it('help and usage errors go to the context streams, with exit 0 and 2', async () => {
    const help = await circle(['list', '--help'], { cwd: tempDir() });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: circle list [options]');
    const wrong = await circle(['list', '--jsno'], { cwd: tempDir() });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("error: unknown option '--jsno'\n(Did you mean --json?)");
  });

  it('a failure a domain rule returns becomes the error, hint and exit code the user sees', async () => {
    const result = await circle(['list', '--series', 'lfit'], { cwd: exampleWorkspace() });
    expect(result).toMatchObject({ code: 2, stdout: '', stderr: 'error: no series "lfit"\n  hint: did you mean "lift"? series here: lift\n' });
  });

  it('a failure at the edge (no workspace) exits 1 with its hint', async () => {
    const result = await circle(['list'], { cwd: tempDir() });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: no circles\/ folder in .*\n {2}hint: run `circle init` to create a workspace, or pass -C <folder> to point at one\n$/);
  });
});
