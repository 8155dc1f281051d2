import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

/* The README's quick start as a newcomer types it in the checkout: what npm install runs, then npx circle announce. */

const readJson = <T>(path: string): T => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as T;

describe('the quick start', () => {
  it('is the two commands of the README', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('## Quick start\n\n```sh\nnpm install && npx circle announce\nnpm test\n```\n');
  });

  it('npm install runs no install script of a dependency, so it compiles nothing: package.json denies the one there is', () => {
    const lock = readJson<{ packages: Record<string, { hasInstallScript?: boolean }> }>('package-lock.json');
    const { allowScripts = {} } = readJson<{ allowScripts?: Record<string, boolean> }>('package.json');
    // npm marks a package that builds with node-gyp (a binding.gyp) as having an install script too.
    const scripted = Object.entries(lock.packages)
      .filter(([, entry]) => entry.hasInstallScript)
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect(scripted.filter((name) => allowScripts[name] !== false)).toEqual([]);
  });

  it("the terminal tests' pseudo-terminal comes prebuilt for this machine, not built from source", () => {
    const platform = `@lydell/node-pty-${process.platform}-${process.arch}`;
    const lock = readJson<{ packages: Record<string, { hasInstallScript?: boolean; optional?: boolean }> }>('package-lock.json');
    expect(lock.packages[`node_modules/${platform}`]).toMatchObject({ optional: true });
    expect(existsSync(join(ROOT, 'node_modules', platform, 'pty.node'))).toBe(true);
    expect(existsSync(join(ROOT, 'node_modules/@lydell/node-pty/build'))).toBe(false);
  });

  it('npx circle announce in the checkout runs bin/circle, which prints the announcement of the example circles', () => {
    // npx runs the package's own bin. It is not spawned here: the first time per checkout it installs the checkout
    // into its cache, whose prepare script rebuilds dist/ under the tests running beside this one.
    expect(readJson<{ name: string; bin: Record<string, string> }>('package.json')).toMatchObject({ name: 'circle', bin: { circle: 'bin/circle' } });
    const result = runCli(['announce'], { cwd: ROOT });
    expect(result.code).toBe(0);
    // The headings and dates of the golden announcement: its seat counts follow rosters/, which someone trying the checkout may have made.
    const outline = (text: string) => text.split('\n').filter((line) => line.startsWith('#') || line.startsWith('- **When:**'));
    expect(outline(result.stdout)).toEqual(outline(readFileSync(join(ROOT, 'test/golden/announce/series.en.markdown'), 'utf8')));
    expect(outline(result.stdout)).toHaveLength(9);
    expect(result.stderr).toMatch(/^warning: 4 circles have started but are still scheduled/);
  });
});
