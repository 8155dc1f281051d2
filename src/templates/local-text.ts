import type { Circle, Language, Series } from '../model/schema.js';

/*
 * Circle and series text in the language of the announcement. A missing translation falls back to
 * the circle's own text, and says so, naming the field the organiser can fill in.
 */

export interface MissingTranslation {
  file: string;
  /** The field to add, e.g. `translations.es.summary`. */
  field: string;
  /** The language whose text is shown instead. */
  shown: Language;
}

export interface CircleText {
  title: string;
  summary: string | undefined;
  topics: string[];
}

export function circleText(circle: Circle, lang: Language, file: string): { text: CircleText; missing: MissingTranslation[] } {
  const own = { title: circle.title, summary: circle.summary, topics: circle.topics };
  if (lang === circle.language) return { text: own, missing: [] };
  const translation = circle.translations?.[lang] ?? {};
  const missing: MissingTranslation[] = [];
  const pick = <T>(field: keyof CircleText, value: T | undefined, fallback: T, needed: boolean): T => {
    if (value !== undefined) return value;
    if (needed) missing.push({ file, field: `translations.${lang}.${field}`, shown: circle.language });
    return fallback;
  };
  return {
    text: {
      title: pick('title', translation.title, own.title, true),
      summary: pick('summary', translation.summary, own.summary, own.summary !== undefined),
      topics: pick('topics', translation.topics, own.topics, own.topics.length > 0),
    },
    missing,
  };
}

/** The series introduction in `lang`, else in the other language, else none. */
export function seriesIntroduction(series: Series, lang: Language, file: string): { text: string | undefined; missing: MissingTranslation[] } {
  const own = series.introduction?.[lang];
  if (own !== undefined) return { text: own, missing: [] };
  const other: Language = lang === 'en' ? 'es' : 'en';
  const fallback = series.introduction?.[other];
  if (fallback === undefined) return { text: undefined, missing: [] };
  return { text: fallback, missing: [{ file, field: `introduction.${lang}`, shown: other }] };
}

/** Paragraphs are separated by blank lines; lines inside a paragraph are joined. */
export function paragraphs(text: string | undefined): string[] {
  if (text === undefined) return [];
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.split('\n').map((line) => line.trim()).join(' ').trim())
    .filter(Boolean);
}
