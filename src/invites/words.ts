import type { Language } from '../model/schema.js';

/** The fixed words of calendar events, in each language a circle can be held in. */
export interface Words {
  circle: (number: number) => string;
  cancelled: string;
  cover: string;
  host: string;
  instigators: (count: number) => string;
  organizer: string;
  online: (platform?: string) => string;
  location: string;
  recorded: (recorded: boolean) => string;
  heldIn: Record<Language, string>;
  signup: string;
  join: string;
  circleCancelled: string;
  seatCancelled: string;
  reminder: string;
}

export const WORDS: Record<Language, Words> = {
  en: {
    circle: (number) => `Learning Circle #${number}`,
    cancelled: 'Cancelled',
    cover: 'We will cover:',
    host: 'Host',
    instigators: (count) => (count > 1 ? 'Instigators' : 'Instigator'),
    organizer: 'Organiser',
    online: (platform) => (platform ? `Online, on ${platform}.` : 'Online.'),
    location: 'Online',
    recorded: (recorded) => (recorded ? 'The session is recorded.' : 'The session is not recorded.'),
    heldIn: { en: 'The session is held in English.', es: 'The session is held in Spanish.' },
    signup: 'Sign up',
    join: 'Join the session',
    circleCancelled: 'This circle is cancelled.',
    seatCancelled: 'Your seat in this circle is cancelled.',
    reminder: 'Reminder',
  },
  es: {
    circle: (number) => `Círculo de aprendizaje #${number}`,
    cancelled: 'Cancelado',
    cover: 'Hablaremos de:',
    host: 'Presenta',
    instigators: (count) => (count > 1 ? 'Inician la conversación' : 'Inicia la conversación'),
    organizer: 'Organiza',
    online: (platform) => (platform ? `En línea, por ${platform}.` : 'En línea.'),
    location: 'En línea',
    recorded: (recorded) => (recorded ? 'La sesión se grabará.' : 'La sesión no se grabará.'),
    heldIn: { en: 'La sesión es en inglés.', es: 'La sesión es en español.' },
    signup: 'Inscripción',
    join: 'Únete a la sesión',
    circleCancelled: 'Este círculo se ha cancelado.',
    seatCancelled: 'Tu plaza en este círculo se ha cancelado.',
    reminder: 'Recordatorio',
  },
};
