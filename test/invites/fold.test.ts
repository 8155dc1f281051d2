import { describe, expect, it } from 'vitest';
import { foldLine, foldLines, unfoldLines } from '../../src/invites/fold.js';
import { physicalLines } from './fixtures.js';

const octets = (text: string) => new TextEncoder().encode(text).length;

describe('folding by octets', () => {
  it('leaves a line of 75 octets alone and folds one of 76', () => {
    expect(foldLine('a'.repeat(75))).toBe('a'.repeat(75));
    expect(foldLine('a'.repeat(76))).toBe(`${'a'.repeat(75)}\r\n a`);
  });

  it('counts octets, not characters: 60 ñ are 120 octets', () => {
    const folded = foldLine(`X:${'ñ'.repeat(60)}`);
    const lines = folded.split('\r\n');
    expect(lines.map(octets)).toEqual([74, 49]);
    // 2 + 36 * 2 = 74: a 37th ñ would make 76, so the first line stops one octet short.
    expect(lines[0]).toBe(`X:${'ñ'.repeat(36)}`);
    expect(lines[1]).toBe(` ${'ñ'.repeat(24)}`);
  });

  it('never cuts a character of 3 or 4 octets or an escape in two', () => {
    for (let pad = 0; pad < 6; pad++) {
      const line = `DESCRIPTION:${'x'.repeat(pad)}${'€😀\\n\\,\\;\\\\'.repeat(20)}`;
      const folded = `${foldLine(line)}\r\n`;
      expect(() => physicalLines(folded)).not.toThrow();
      expect(unfoldLines(folded)).toEqual([line]);
    }
  });

  it('unfolds both the folds of `ics` (CRLF tab) and ours (CRLF space), keeping the text after them', () => {
    expect(unfoldLines('A:one\r\n\t two\r\nB:x\r\n  y\r\n')).toEqual(['A:one two', 'B:x y']);
    expect(foldLines(['A:1', 'B:2'])).toBe('A:1\r\nB:2\r\n');
  });
});
