import { describe, expect, it } from 'vitest';
import { splitMbox } from '../../src/inbox/mbox.js';

async function split(text: string, chunkSize = 7): Promise<Array<{ offset: number; raw: string }>> {
  const bytes = Buffer.from(text);
  // Small chunks, so lines and separators fall across chunk boundaries.
  const chunks = async function* () {
    for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
  };
  const messages = [];
  for await (const message of splitMbox(chunks())) messages.push({ offset: message.offset, raw: message.raw.toString() });
  return messages;
}

describe('splitting an mbox', () => {
  it.each([
    ['an empty file', '', []],
    ['one message without a final newline', 'From a@example.org Tue Nov  3 10:15:00 2026\nSubject: one\n\nbody', [{ offset: 0, raw: 'Subject: one\n\nbody' }]],
    [
      'two messages, the blank line before the separator dropped',
      'From a Tue Nov  3 10:15:00 2026\nSubject: one\n\nbody\n\nFrom b Tue Nov  3 10:16:00 2026\nSubject: two\n\nx\n',
      [
        { offset: 0, raw: 'Subject: one\n\nbody\n' },
        { offset: 52, raw: 'Subject: two\n\nx\n' },
      ],
    ],
    ['CRLF line ends kept', 'From - Tue Nov 03 10:15:00 2026\r\nSubject: one\r\n\r\nbody\r\n\r\n', [{ offset: 0, raw: 'Subject: one\r\n\r\nbody\r\n' }]],
    ['mboxo and mboxrd escapes undone once', 'From a x\nS: 1\n\n>From here\n>>From there\n> From not escaped\n', [{ offset: 0, raw: 'S: 1\n\nFrom here\n>From there\n> From not escaped\n' }]],
    ['a From line inside a paragraph is text', 'From a x\nS: 1\n\nline\nFrom the start\n', [{ offset: 0, raw: 'S: 1\n\nline\nFrom the start\n' }]],
    ['blank lines before the first separator', '\n\nFrom a x\nS: 1\n', [{ offset: 2, raw: 'S: 1\n' }]],
  ])('%s', async (_, text, expected) => {
    expect(await split(text)).toEqual(expected);
    expect(await split(text, 4096)).toEqual(expected);
  });

  it('refuses a file that does not start with a From line', async () => {
    await expect(split('Subject: not an mbox\n\nbody\n')).rejects.toThrow('it does not start with a "From " line');
  });

  it('keeps bytes that are not UTF-8 as they are', async () => {
    const latin1 = Buffer.concat([Buffer.from('From a x\nS: 1\n\nSesi'), Buffer.from([0xf3]), Buffer.from('n\n')]);
    const messages = [];
    for await (const message of splitMbox((async function* () { yield latin1; })())) messages.push(message.raw);
    expect(messages).toEqual([Buffer.concat([Buffer.from('S: 1\n\nSesi'), Buffer.from([0xf3]), Buffer.from('n\n')])]);
  });
});
