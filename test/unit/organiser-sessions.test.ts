import { describe, expect, it } from 'vitest';
import { matchSessions, unknownSession, type SessionTarget } from '../../src/signups/sessions.js';
import { circleName } from '../../src/templates/words.js';

const TARGETS: SessionTarget[] = [
  { id: 'making-a-case', number: 1, titles: ['Making a case for open contracting', 'Cómo argumentar a favor de la contratación abierta'] },
  { id: 'supplier-engagement', number: 2, titles: ['Supplier engagement'] },
  { id: 'health-outcomes', number: 3, titles: ['Improving health outcomes through open contracting'] },
  { id: 'ocds-field-mapping', number: 12, titles: ['Map your existing system to the OCDS'] },
];

describe('series form answers', () => {
  for (const target of TARGETS) {
    for (const lang of ['en', 'es'] as const) {
      for (const midSentence of [false, true]) {
        const label = circleName(lang, target.number, midSentence);
        it(`the tool's own label "${label}" names ${target.id}, alone, with its title and with its date`, () => {
          for (const answer of [label, `${label}: ${target.titles[0]}`, `${label} (miércoles, 4 de diciembre de 2019, 12:00 GMT)`]) {
            expect(matchSessions(answer, TARGETS)).toEqual({ ids: [target.id], unknown: [] });
          }
        });
      }
    }
  }

  it.each([
    ['Círculo de aprendizaje 3', ['health-outcomes'], []],
    ['Learning Circle #1, Círculo de aprendizaje n.º 12', ['making-a-case', 'ocds-field-mapping'], []],
    ['Learning Circle #2 (Thursday, 21 November), Learning Circle #9', ['supplier-engagement'], ['Learning Circle #9']],
    ['Círculo de aprendizaje n.º 1 (miércoles, 6 de noviembre); Taller 3', ['making-a-case', 'health-outcomes'], []],
  ])('%s -> %j', (answer, ids, unknown) => {
    expect(matchSessions(answer, TARGETS)).toEqual({ ids, unknown });
  });

  it('a rejected answer lists what would be taken', () => {
    expect(unknownSession('Learning Circle #9', TARGETS)).toBe(
      '"Learning Circle #9" names no circle of the series; accepted: a circle\'s label in either language or its number, e.g. "Learning Circle #1", "Círculo de aprendizaje n.º 1" or 1 (circles 1, 2, 3, 12), or its title, e.g. "Making a case for open contracting"',
    );
  });
});
