import { describe, expect, it } from 'vitest';
import { erasureRemark, readdressRemark, seatAtStake } from '../../src/roster/remarks.js';

describe('what the organiser is told after a change to one person', () => {
  it('asks before a move costs a seat, and says so when it cannot ask', () => {
    expect(seatAtStake('Ana <ana@example.org>', 'a', 'b', 3)).toEqual({
      question: 'Ana <ana@example.org> has a seat in a, but b is full: they would wait at #3 there. Give up their seat?',
      refusal: 'not moved: Ana <ana@example.org> has a seat in a, but b is full: they would wait at #3 there.',
    });
  });

  it.each([
    { others: [], remark: "correct the address in the form's responses too: importing an export that still has old@example.org would add it again as a new signup" },
    {
      others: ['b', 'c'],
      remark:
        'old@example.org is also on the roster of b, c: correct it there too, e.g. circle signups edit b old@example.org --email new@example.org\n' +
        "correct the address in the form's responses too: importing an export that still has old@example.org would add it again as a new signup",
    },
  ])('after a new address, on $others.length other rosters', ({ others, remark }) => {
    expect(readdressRemark('old@example.org', 'new@example.org', others)).toBe(remark);
  });

  it.each([
    { remaining: [], remark: 'ana@example.org is in no other file of this workspace; the form itself may still hold their answers: delete them there too' },
    { remaining: ['responses.csv'], remark: 'ana@example.org is still in responses.csv: delete them there too' },
    {
      remaining: ['journals/b.jsonl', 'responses.csv'],
      remark: 'ana@example.org is still in journals/b.jsonl, responses.csv: erase them from every circle with `circle signups remove --all ana@example.org`; for the other files and the form itself, delete them there too',
    },
    { remaining: ['rosters/b.yaml'], remark: 'ana@example.org is still in rosters/b.yaml: erase them from every circle with `circle signups remove --all ana@example.org`; for the other files and the form itself, delete them there too' },
  ])('after an erasure, still in $remaining', ({ remaining, remark }) => {
    expect(erasureRemark('ana@example.org', remaining)).toBe(remark);
  });
});
