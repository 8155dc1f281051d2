import { folded } from '../model/slug.js';
import { circleName } from '../templates/words.js';
import { normalizeHeader } from './headers.js';

/*
 * Which circles a series form's answer names: "Learning Circle #2; Learning Circle #4",
 * "Learning Circle #2, Learning Circle #4" (Google Forms checkboxes), "2", or a title in either
 * language. An answer naming no circle of the series is reported piece by piece.
 */

export interface SessionTarget {
  id: string;
  number: number;
  /** Title and translated titles. */
  titles: string[];
}

export interface SessionMatch {
  ids: string[];
  unknown: string[];
}

// Folded, the Spanish "n.º 2" the announcements write reads "n.o 2"; "Círculo de aprendizaje 2" goes without it.
const NUMBER = /(?:#|\bn\.?\s?[º°o]\.?|\b(?:circulo de aprendizaje|circle|circulo|session|sesion|taller|workshop)\b)\s*(\d+)\b/g;

function namedIn(piece: string, targets: readonly SessionTarget[]): Set<string> {
  const ids = new Set<string>();
  const text = folded(piece);
  const numbers = new Set([...text.matchAll(NUMBER)].map((m) => Number(m[1])));
  if (/^\s*\d+\s*$/.test(text)) numbers.add(Number(text));
  const words = ` ${normalizeHeader(piece)} `;
  for (const target of targets) {
    if (numbers.has(target.number)) ids.add(target.id);
    else if (words.includes(` ${target.id.replace(/-/g, ' ')} `)) ids.add(target.id);
    else if (target.titles.some((title) => words.includes(` ${normalizeHeader(title)} `))) ids.add(target.id);
  }
  return ids;
}

export function matchSessions(answer: string, targets: readonly SessionTarget[]): SessionMatch {
  const ids = new Set<string>();
  const unknown: string[] = [];
  const visit = (piece: string, canSplit: boolean) => {
    const text = piece.trim();
    if (text === '') return;
    // A comma separates checkbox answers, unless it sits inside a title named here.
    const words = ` ${normalizeHeader(text)} `;
    const commaTitle = targets.some((t) => t.titles.some((title) => title.includes(',') && words.includes(` ${normalizeHeader(title)} `)));
    if (canSplit && text.includes(',') && !commaTitle) {
      for (const part of outsideBrackets(text)) visit(part, false);
      return;
    }
    const found = namedIn(text, targets);
    if (found.size === 0) unknown.push(text);
    for (const id of found) ids.add(id);
  };
  for (const piece of answer.split(/[;\n|]/)) visit(piece, true);
  return { ids: [...ids], unknown };
}

/** Splits at commas, but not inside brackets: "Learning Circle #3 (Wednesday, 4 December)" is one choice. */
function outsideBrackets(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
  }
  return [...parts, text.slice(from)];
}

/** Why a piece of an answer went nowhere, with the answers that would be taken: the tool's own labels in both languages. */
export function unknownSession(piece: string, targets: readonly SessionTarget[]): string {
  const numbers = targets.map((t) => t.number).sort((a, b) => a - b);
  const first = targets.find((t) => t.number === numbers[0]);
  if (!first) return `"${piece}" names no circle: the series has none`;
  const title = first.titles[0] ? `, or its title, e.g. "${first.titles[0]}"` : '';
  return `"${piece}" names no circle of the series; accepted: a circle's label in either language or its number, e.g. "${circleName('en', first.number)}", "${circleName('es', first.number)}" or ${first.number} (circles ${numbers.join(', ')})${title}`;
}
