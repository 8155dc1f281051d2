import type { Language } from '../model/schema.js';
import { normalizeHeader } from './headers.js';

const ENGLISH = /^(en|eng|english|ingles)\b/;
const SPANISH = /^(es|esp|spa|spanish|espanol|castellano)\b/;

/** "English", "Inglés", "es", "Español (Spanish)"… -> en/es; anything else is undefined (the circle's language applies). */
export function preferredLanguage(answer: string): Language | undefined {
  const text = normalizeHeader(answer);
  if (ENGLISH.test(text)) return 'en';
  if (SPANISH.test(text)) return 'es';
  return undefined;
}
