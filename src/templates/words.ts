import type { Language } from '../model/schema.js';
import { LOCALES } from './when.js';

/*
 * One wording per language for everything circle writes for people: the calendar text takes its
 * fixed words from here, and announcement and mail templates see the same ones as `@words.host`
 * and through the helpers `circleName` and `online`, so a calendar entry, an announcement and an
 * email never name the same thing in two ways.
 */

/** Labels and sentences, as templates see them (`@words`). */
export interface Words {
  when: string;
  where: string;
  host: string;
  instigator: string;
  instigators: string;
  organizer: string;
  cover: string;
  recorded: string;
  notRecorded: string;
  signup: string;
  join: string;
  cancelled: string;
  circleCancelled: string;
  seatCancelled: string;
  reminder: string;
  /** Before a person's leave link (`mailto:`): sending that mail takes them off the circle. */
  leave: string;
  /** The calendar LOCATION of a circle without a platform. */
  location: string;
}

export const WORDS: Record<Language, Words> = {
  en: {
    when: 'When',
    where: 'Where',
    host: 'Host',
    instigator: 'Instigator',
    instigators: 'Instigators',
    organizer: 'Organiser',
    cover: 'We will cover',
    recorded: 'The session will be recorded.',
    notRecorded: 'The session will not be recorded.',
    signup: 'Sign up',
    join: 'Join the session',
    cancelled: 'Cancelled',
    circleCancelled: 'This circle is cancelled.',
    seatCancelled: 'Your seat in this circle is cancelled.',
    reminder: 'Reminder',
    leave: 'To give up your place, send this email as it is (no need to write anything)',
    location: 'Online',
  },
  es: {
    when: 'Fecha y hora',
    where: 'Dónde',
    host: 'Modera',
    instigator: 'Abre la conversación',
    instigators: 'Abren la conversación',
    organizer: 'Organiza',
    cover: 'Hablaremos de',
    recorded: 'La sesión se grabará.',
    notRecorded: 'La sesión no se grabará.',
    signup: 'Inscríbete',
    join: 'Únete a la sesión',
    cancelled: 'Cancelado',
    circleCancelled: 'Este círculo se ha cancelado.',
    seatCancelled: 'Tu plaza en este círculo se ha cancelado.',
    reminder: 'Recordatorio',
    leave: 'Para dejar tu lugar, envía este correo tal como está (no hace falta escribir nada)',
    location: 'En línea',
  },
};

/** The phrases that take a value. */
interface Phrases {
  /** Spanish writes a common noun in lower case inside a sentence; English capitalises the name anywhere. */
  circleName: (number: number, midSentence: boolean) => string;
  online: (platform: string | null) => string;
  heldIn: (language: string) => string;
  recordingIn: (language: string) => string;
}

const PHRASES: Record<Language, Phrases> = {
  en: {
    circleName: (number) => `Learning Circle #${number}`,
    online: (platform) => (platform ? `online, on ${platform}` : 'online'),
    heldIn: (language) => `The session is held in ${language}.`,
    recordingIn: (language) => `The recording is in ${language}.`,
  },
  es: {
    circleName: (number, midSentence) => `${midSentence ? 'círculo' : 'Círculo'} de aprendizaje n.º ${number}`,
    online: (platform) => (platform ? `en línea, por ${platform}` : 'en línea'),
    heldIn: (language) => `La sesión es en ${language}.`,
    recordingIn: (language) => `La grabación es en ${language}.`,
  },
};

/** "Learning Circle #3", "Círculo de aprendizaje n.º 3" as a title; "… el círculo de aprendizaje n.º 3" mid-sentence. */
export const circleName = (lang: Language, number: number, midSentence = false) => PHRASES[lang].circleName(number, midSentence);

/** "online, on Zoom", "en línea, por Zoom": where a session is, after a label. */
export const online = (lang: Language, platform: string | null) => PHRASES[lang].online(platform);

// Made when first asked for: a mail run names the language for each of many readers.
const languageNames = new Map<Language, Intl.DisplayNames>();

/** "Spanish", "inglés": a language named in the reader's, from Node's locale data. */
export function languageName(reader: Language, language: Language): string {
  let names = languageNames.get(reader);
  if (!names) languageNames.set(reader, (names = new Intl.DisplayNames(LOCALES[reader], { type: 'language' })));
  return names.of(language) ?? language;
}

/**
 * "The session is held in Spanish.", or of a recording "The recording is in Spanish.", for a
 * reader whose language is not the session's; null for a reader of the session's language.
 */
export function heldIn(reader: Language, session: Language, of: 'session' | 'recording' = 'session'): string | null {
  if (reader === session) return null;
  const phrases = PHRASES[reader];
  return (of === 'session' ? phrases.heldIn : phrases.recordingIn)(languageName(reader, session));
}
