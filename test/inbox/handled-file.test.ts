import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { handledFile, openHandled, readHandled } from '../../src/inbox/handled-file.js';
import { tempDir } from '../helpers/cli.js';

const AT = new Date('2026-11-03T10:15:00.000Z');

describe('the Message-IDs circle inbox handled', () => {
  it('a workspace without the file has handled nothing; added IDs are read back, in a file of the organiser alone', async () => {
    const dir = tempDir();
    expect(await readHandled(dir)).toEqual(new Set());
    const writer = await openHandled(dir);
    await writer.add(['<a@example.org>', '<b@example.org>'], AT);
    await writer.add([], AT);
    await writer.close();
    expect(await readHandled(dir)).toEqual(new Set(['<a@example.org>', '<b@example.org>']));
    expect(readFileSync(handledFile(dir), 'utf8')).toBe('{"messageId":"<a@example.org>","at":"2026-11-03T10:15:00.000Z"}\n{"messageId":"<b@example.org>","at":"2026-11-03T10:15:00.000Z"}\n');
    expect(statSync(handledFile(dir)).mode & 0o777).toBe(0o600);
  });

  it('a line cut off by a crash is skipped, and the next ID starts a line of its own', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'journals'));
    writeFileSync(handledFile(dir), '{"messageId":"<a@example.org>","at":"2026-11-03T10:15:00.000Z"}\n{"messageId":"<b@exa');
    expect(await readHandled(dir)).toEqual(new Set(['<a@example.org>']));
    const writer = await openHandled(dir);
    await writer.add(['<c@example.org>'], AT);
    await writer.close();
    expect(await readHandled(dir)).toEqual(new Set(['<a@example.org>', '<c@example.org>']));
  });
});
