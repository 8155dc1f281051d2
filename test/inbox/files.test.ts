import { mkdir, mkdtemp, readFile, readdir, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fileSource } from '../../src/inbox/files.js';
import { Refused } from '../../src/failure.js';

const message = (n: number) => `Message-ID: <m${n}@example.org>\nSubject: message ${n}\n\nbody ${n}\n`;

async function read(path: string): Promise<Array<{ key: string; raw: string }>> {
  const source = await fileSource(path);
  const out = [];
  for await (const raw of source.messages()) out.push({ key: raw.key, raw: raw.raw.toString() });
  await source.handled(out.map((entry) => entry.key));
  await source.close();
  return out;
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'circle-inbox-files-'));
});

describe('reading mail from files', () => {
  it('reads an mbox in file order, keyed by the offset of each message', async () => {
    const path = join(dir, 'circles.mbox');
    await writeFile(path, `From a Tue Nov  3 10:15:00 2026\n${message(1)}\nFrom b Tue Nov  3 10:16:00 2026\n${message(2)}`);
    const first = `From a Tue Nov  3 10:15:00 2026\n${message(1)}\n`.length;
    expect(await read(path)).toEqual([
      { key: `${path}:0`, raw: message(1) },
      { key: `${path}:${first}`, raw: message(2) },
    ]);
  });

  it('reads a Maildir, new/ and cur/, oldest delivery first, and leaves it as it was', async () => {
    await mkdir(join(dir, 'new'));
    await mkdir(join(dir, 'cur'));
    await mkdir(join(dir, 'tmp'));
    await writeFile(join(dir, 'cur', '1790000200.M2P2.host:2,S'), message(2));
    await writeFile(join(dir, 'new', '1790000300.M3P3.host'), message(3));
    await writeFile(join(dir, 'cur', '1790000100.M1P1.host:2,S'), message(1));
    await writeFile(join(dir, 'tmp', '1790000400.M4P4.host'), message(4));
    await writeFile(join(dir, 'cur', '.client-index'), 'not a message');
    const before = await Promise.all(['new', 'cur'].map((sub) => readdir(join(dir, sub))));
    expect(await read(dir)).toEqual([
      { key: join(dir, 'cur', '1790000100.M1P1.host:2,S'), raw: message(1) },
      { key: join(dir, 'cur', '1790000200.M2P2.host:2,S'), raw: message(2) },
      { key: join(dir, 'new', '1790000300.M3P3.host'), raw: message(3) },
    ]);
    expect(await Promise.all(['new', 'cur'].map((sub) => readdir(join(dir, sub))))).toEqual(before);
  });

  it('reads a folder of .eml files oldest first by modification time', async () => {
    await writeFile(join(dir, 'b.eml'), message(1));
    await writeFile(join(dir, 'a.EML'), message(2));
    await writeFile(join(dir, 'notes.txt'), 'not mail');
    await utimes(join(dir, 'b.eml'), new Date('2026-11-03T10:00:00Z'), new Date('2026-11-03T10:00:00Z'));
    await utimes(join(dir, 'a.EML'), new Date('2026-11-03T11:00:00Z'), new Date('2026-11-03T11:00:00Z'));
    expect(await read(dir)).toEqual([
      { key: join(dir, 'b.eml'), raw: message(1) },
      { key: join(dir, 'a.EML'), raw: message(2) },
    ]);
  });

  it('reads a single .eml file as one message, unchanged', async () => {
    const path = join(dir, 'question.eml');
    await writeFile(path, message(7));
    const { mtimeMs } = await stat(path);
    expect(await read(path)).toEqual([{ key: path, raw: message(7) }]);
    expect([(await stat(path)).mtimeMs, await readFile(path, 'utf8')]).toEqual([mtimeMs, message(7)]);
  });

  it.each([
    ['a path that does not exist', 'missing.mbox', 'missing.mbox does not exist'],
    ['a file that is not an mbox', 'notes.txt', 'notes.txt is not an mbox file: it does not start with a "From " line'],
    ['a folder with no mail in it', 'empty', 'empty holds no .eml files and is not a Maildir (no cur/ or new/ folder)'],
  ])('refuses %s, naming it', async (_, name, message) => {
    await writeFile(join(dir, 'notes.txt'), 'Subject: hello\n\nnot an mbox\n');
    await mkdir(join(dir, 'empty'));
    const attempt = (async () => {
      const source = await fileSource(join(dir, name), name);
      for await (const _message of source.messages()) void _message;
    })();
    await expect(attempt).rejects.toBeInstanceOf(Refused);
    await expect(attempt).rejects.toMatchObject({ failure: { kind: 'input', message, hint: expect.stringContaining('Maildir') } });
  });
});
