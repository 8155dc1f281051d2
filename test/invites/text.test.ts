import { describe, expect, it } from 'vitest';
import { cleanLine, cleanName, cleanText } from '../../src/invites/text.js';

describe('cleaning text for calendar properties', () => {
  it.each([
    ['Ana "la Jefa"\nPérez', "Ana 'la Jefa' Pérez"],
    ['  Ana\r\nPérez\r', 'Ana Pérez'],
    ['Ana\u2028Pérez\tLópez', 'Ana Pérez López'],
    ['Ana\u0000\u001b\u007fPérez', 'AnaPérez'],
    ['Jose\u0301', 'José'],
  ])('a name %j becomes %j', (raw, clean) => {
    expect(cleanName(raw)).toBe(clean);
    expect(cleanName(raw)).toBe(clean.normalize('NFC'));
  });

  it('keeps line breaks in several-line text, as LF only, and drops other controls', () => {
    expect(cleanText('one\r\ntwo\rthree\u0085four\u000bfive')).toBe('one\ntwo\nthree\nfourfive');
    expect(cleanLine('Supplier engagement,\n  SMEs; "data"')).toBe('Supplier engagement, SMEs; "data"');
  });
});
