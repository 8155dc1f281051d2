import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { jsonSchemaFiles } from '../../src/model/json-schema.js';
import { BIN, exampleWorkspace, ROOT, runCli, tempDir } from '../helpers/cli.js';
import { Terminal } from '../helpers/pty.js';

const SUBCOMMANDS = ['init', 'add', 'validate', 'list', 'announce', 'invites', 'signups', 'waitlist', 'followup', 'inbox'];

describe('the circle command', () => {
  it('lists every subcommand with a one-line description', () => {
    const result = runCli(['--help'], { cwd: tempDir() });
    expect(result.code).toBe(0);
    const listed = [...result.stdout.matchAll(/^  ([a-z]+) .*\S/gm)].map((m) => m[1]).filter((name) => name !== 'help');
    expect(listed).toEqual(SUBCOMMANDS);
    const block = result.stdout.slice(result.stdout.indexOf('Commands:'), result.stdout.indexOf('Examples:'));
    expect(block.split('\n').filter((line) => /^ {10,}\S/.test(line))).toEqual([]);
  });

  it.each(SUBCOMMANDS)('circle %s --help ends with examples', (name) => {
    const result = runCli([name, '--help'], { cwd: tempDir() });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`Examples:\\n  \\$ circle ${name}`));
  });

  it('prints the version of the package', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(runCli(['--version'], { cwd: tempDir() }).stdout.trim()).toBe(version);
  });

  it('exits 2 on wrong usage, with a suggestion', () => {
    const unknown = runCli(['lsit'], { cwd: tempDir() });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'lsit'");
    expect(unknown.stderr).toContain('list');
    const option = runCli(['validate', '--strcit'], { cwd: tempDir() });
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("unknown option '--strcit'");
  });

  it('stops quietly when the reader closes the pipe early', () => {
    const result = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" signups --help | head -n 1`], { encoding: 'utf8' });
    expect(result.stdout).toBe('Usage: circle signups [options] [command]\n');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('colours only on a terminal: plain text when piped even with no NO_COLOR', () => {
    const result = runCli(['validate', 'circles/x.yaml'], { cwd: tempDir(), env: { NO_COLOR: undefined, FORCE_COLOR: undefined } });
    expect(result.stderr).toContain('error: no circles/ folder');
    expect(result.stderr).not.toContain('\x1b[');
  });
});

describe('colour on a terminal', () => {
  it('is on by default and off with NO_COLOR', async () => {
    const coloured = new Terminal(['list'], tempDir(), { NO_COLOR: undefined, CI: undefined, TERM: 'xterm-256color' });
    expect(await coloured.exited).toBe(1);
    expect(coloured.raw).toContain('\x1b[31merror:\x1b[39m no circles/ folder');
    const plain = new Terminal(['list'], tempDir(), { NO_COLOR: '1' });
    expect(await plain.exited).toBe(1);
    expect(plain.raw).toContain('error: no circles/ folder');
    expect(plain.raw).not.toContain('\x1b[31m');
  });
});

describe('the shipped files', () => {
  it('schema/ is generated from the schema the code validates with (run npm run schema after a change)', () => {
    for (const { name, content } of jsonSchemaFiles()) {
      expect(readFileSync(join(ROOT, 'schema', name), 'utf8'), name).toBe(content);
    }
  });

  it('every example file names its schema for editors', () => {
    for (const name of readdirSync(join(ROOT, 'circles'))) {
      const schema = name.endsWith('.series.yaml') ? 'series' : 'circle';
      expect(readFileSync(join(ROOT, 'circles', name), 'utf8').split('\n')[0], name).toBe(`# yaml-language-server: $schema=../schema/${schema}.schema.json`);
    }
  });
});

describe('the bundle in dist/', () => {
  it('loads every chunk, so a dependency that breaks when bundled fails here, not in a rarely used command', () => {
    const chunks = readdirSync(join(ROOT, 'dist', 'chunks')).filter((name) => name.endsWith('.js'));
    expect(chunks.length).toBeGreaterThan(10);
    const urls = chunks.map((name) => pathToFileURL(join(ROOT, 'dist', 'chunks', name)).href);
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', `for (const url of ${JSON.stringify(urls)}) await import(url);`], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('under DEBUG, the stack of an internal error names the TypeScript sources, through the source maps', () => {
    // A stdout that throws stands in for a bug: the error comes from inside circle's own code, where it prints.
    const preload = join(tempDir(), 'broken-stdout.mjs');
    writeFileSync(preload, 'process.stdout.write = () => { throw new TypeError("stdout is broken"); };\n');
    const env = { NODE_OPTIONS: `--import=${pathToFileURL(preload).href}` };
    const debug = runCli(['list'], { cwd: exampleWorkspace(), env: { ...env, DEBUG: '1' } });
    expect(debug.code).toBe(1);
    expect(debug.stderr).toContain('internal error: TypeError: stdout is broken\n');
    expect(debug.stderr).toMatch(/ \(.*\/src\/cli\/execute\.ts:\d+:\d+\)\n/);
    expect(debug.stderr).not.toContain('/dist/');
    const plain = runCli(['list'], { cwd: exampleWorkspace(), env: { ...env, DEBUG: undefined } });
    expect(plain.code).toBe(1);
    expect(plain.stderr).toBe('internal error: stdout is broken\n  this is a bug in circle; run again with DEBUG=1 for the stack trace and report it\n');
  });
});
