import type { ResolvedCircle } from '../model/circle.js';
import type { Instigator, Language } from '../model/schema.js';
import { circleText } from '../templates/local-text.js';
import { LOCALES } from '../templates/when.js';
import { circleName, heldIn, online, WORDS } from '../templates/words.js';
import { cleanLine, cleanName, cleanText } from './text.js';

/**
 * Who the event is for: anyone (public files and feeds, no meeting link), a confirmed person
 * (with the meeting link), or a person whose seat was cancelled.
 */
export type View = 'public' | 'confirmed' | 'seat-cancelled';

export interface EventText {
  summary: string;
  description: string;
  location: string;
  url?: string;
}

const withDetails = (name: string, details: Array<string | undefined>) => {
  const known = details.filter((d): d is string => Boolean(d)).map(cleanLine);
  return known.length ? `${cleanName(name)} (${known.join(', ')})` : cleanName(name);
};
const instigator = (person: Instigator) => withDetails(person.name, [person.role, person.org]);

/** The summary line and description of a circle's event, in one language, for one view. */
export function eventText(resolved: ResolvedCircle, lang: Language, view: View): EventText {
  const { circle } = resolved;
  const words = WORDS[lang];
  const { text: local } = circleText(circle, lang, resolved.file);
  const cancelled = circle.status === 'cancelled' || view === 'seat-cancelled';
  const title = `${circleName(lang, circle.number)}: ${cleanLine(local.title)}`;
  const meetingUrl = view === 'confirmed' && !cancelled ? circle.meeting_url : undefined;
  const signupUrl = view === 'public' && !cancelled ? circle.signup_url : undefined;
  const platform = circle.platform ? cleanLine(circle.platform) : null;
  // As the announcements' `list` helper joins them: "A, B and C" in British English.
  const and = new Intl.ListFormat(LOCALES[lang], { type: 'conjunction' });

  const notice = view === 'seat-cancelled' ? words.seatCancelled : circle.status === 'cancelled' ? words.circleCancelled : undefined;
  const people = [
    `${words.host}: ${withDetails(circle.host.name, [circle.host.org])}`,
    circle.instigators.length ? `${circle.instigators.length > 1 ? words.instigators : words.instigator}: ${and.format(circle.instigators.map(instigator))}` : undefined,
    resolved.organizer ? `${words.organizer}: ${cleanName(resolved.organizer.name)}` : undefined,
  ];
  const facts = [heldIn(lang, circle.language), circle.recorded ? words.recorded : words.notRecorded];
  const paragraphs = [
    notice,
    meetingUrl ? `${words.join}: ${meetingUrl}` : undefined,
    local.summary ? cleanText(local.summary) : undefined,
    local.topics.length ? [`${words.cover}:`, ...local.topics.map((topic) => `- ${cleanLine(topic)}`)].join('\n') : undefined,
    people.filter(Boolean).join('\n'),
    `${words.where}: ${online(lang, platform)}\n${facts.filter(Boolean).join(' ')}`,
    signupUrl ? `${words.signup}: ${signupUrl}` : undefined,
  ];
  const url = meetingUrl ?? signupUrl;
  return {
    summary: cancelled ? `${words.cancelled}: ${title}` : title,
    description: paragraphs.filter(Boolean).join('\n\n'),
    location: meetingUrl ?? platform ?? words.location,
    ...(url ? { url } : {}),
  };
}
