import { join } from 'node:path';
import { describeWhen } from '../templates/when.js';
import { circleText } from '../templates/local-text.js';
import type { ResolvedCircle } from '../model/circle.js';
import type { Language } from '../model/schema.js';
import { handlebars, renderTemplate, tidyText } from '../templates/engine.js';
import type { Template } from '../templates/files.js';
import { heldIn } from '../templates/words.js';
import { LINK_KINDS, type MessageKind } from './kinds.js';
import { deadlineText } from './offers.js';
import type { Said } from './messages.js';
import { DateTime, Info } from 'luxon';

export interface MessageView {
  lang: Language;
  /** `offerLapsed`: a seat cancellation to someone whose offer of the seat lapsed (they never had it). */
  person: { name: string; position: number | null; offerLapsed: boolean };
  circle: {
    number: number;
    title: string;
    when: string;
    /** The same times in UTC (shown as GMT), or null when the circle's zone is GMT already. */
    whenUtc: string | null;
    capacity: number;
    recorded: boolean;
    platform: string | null;
    meetingUrl: string | null;
    /** "The session is held in Spanish." (of a recording: "The recording is in Spanish.") when the reader's language is not the session's. */
    languageNote: string | null;
  };
  series: { name: string; mailingListUrl: string | null };
  organizer: { name: string };
  recordingUrl: string | null;
  /** What changed since the reader's last message (an update, a correction); null when nothing the journal kept differs. */
  changes: Changes | null;
  /** The reader's personal leave link (`mailto:`), in the messages about their place; null without CIRCLE_SECRET. */
  leaveUrl: string | null;
  /** A seat offer's deadline, in the circle's zone and in UTC (null when the zone is GMT); null in other messages. */
  offer: { deadline: string; deadlineUtc: string | null } | null;
  /** The reader's claim link (`mailto:`), in a seat offer; null in other messages and without CIRCLE_SECRET. */
  claimUrl: string | null;
}

export interface Change {
  before: string | null;
  after: string | null;
}

export interface Changes {
  when: Change | null;
  platform: Change | null;
  meetingUrl: Change | null;
  recordingUrl: Change | null;
}

export interface Recipient {
  name?: string | undefined;
  position?: number | undefined;
  offerLapsed?: boolean | undefined;
}

// Formatting a date builds Intl formatters; a run mails one circle's date to many people.
const whenCache = new WeakMap<object, Map<Language, { text: string; utc: string | null }>>();
function whenOf(resolved: ResolvedCircle, lang: Language): { text: string; utc: string | null } {
  let byLang = whenCache.get(resolved.circle);
  if (!byLang) whenCache.set(resolved.circle, (byLang = new Map()));
  let when = byLang.get(lang);
  if (when === undefined) {
    const described = describeWhen(resolved.start, resolved.end, resolved.zone, [Info.normalizeZone('UTC')], lang);
    byLang.set(lang, (when = { text: described.text, utc: described.elsewhere[0]?.text ?? null }));
  }
  return when;
}
const whenText = (resolved: ResolvedCircle, lang: Language) => whenOf(resolved, lang).text;

const change = (before: string | undefined, after: string | null): Change | null =>
  before === undefined || (before || null) === after ? null : { before: before || null, after };

/** Old and new, in the reader's language and the circle's zone, of what the reader was told before. */
function changesSince(resolved: ResolvedCircle, lang: Language, before: Said, extra: { recordingUrl?: string | undefined }): Changes | null {
  const { circle } = resolved;
  const start = before.start && DateTime.fromISO(before.start);
  const end = before.end && DateTime.fromISO(before.end);
  // The same instants read back from the journal are in another zone: equals() would call them different.
  const moved = start && end && (start.toMillis() !== resolved.start.toMillis() || end.toMillis() !== resolved.end.toMillis());
  const changes: Changes = {
    when: moved ? { before: describeWhen(start, end, resolved.zone, [], lang).text, after: whenText(resolved, lang) } : null,
    platform: change(before.platform, circle.platform ?? null),
    meetingUrl: change(before.link, circle.meeting_url ?? null),
    recordingUrl: change(before.recording, extra.recordingUrl ?? null),
  };
  return Object.values(changes).some(Boolean) ? changes : null;
}

function offerOf(resolved: ResolvedCircle, lang: Language, offerExpires: string | undefined): MessageView['offer'] {
  if (offerExpires === undefined) return null;
  const { text, utc } = deadlineText(offerExpires, resolved.zone, lang);
  return { deadline: text, deadlineUtc: utc };
}

/** What a template may say to one person about one circle, in their language. */
export function messageView(
  resolved: ResolvedCircle,
  kind: MessageKind,
  lang: Language,
  recipient: Recipient,
  extra: { recordingUrl?: string | undefined; before?: Said | undefined; leaveUrl?: string | undefined; offerExpires?: string | undefined; claimUrl?: string | undefined } = {},
): MessageView {
  const { circle, series } = resolved;
  const { text } = circleText(circle, lang, resolved.file);
  return {
    lang,
    person: { name: recipient.name ?? '', position: recipient.position ?? null, offerLapsed: recipient.offerLapsed === true },
    circle: {
      number: circle.number,
      title: text.title,
      when: whenText(resolved, lang),
      whenUtc: whenOf(resolved, lang).utc,
      capacity: circle.capacity,
      recorded: circle.recorded,
      platform: circle.platform ?? null,
      meetingUrl: LINK_KINDS.has(kind) ? (circle.meeting_url ?? null) : null,
      languageNote: heldIn(lang, circle.language, kind === 'recording' || kind === 'recording-correction' ? 'recording' : 'session'),
    },
    series: { name: series.name, mailingListUrl: series.mailing_list_url ?? null },
    organizer: { name: resolved.organizer?.name ?? series.name },
    recordingUrl: extra.recordingUrl ?? null,
    changes: extra.before ? changesSince(resolved, lang, extra.before, extra) : null,
    leaveUrl: extra.leaveUrl ?? null,
    offer: offerOf(resolved, lang, extra.offerExpires),
    claimUrl: extra.claimUrl ?? null,
  };
}

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

/** The HTML alternative is the text itself: paragraphs, line breaks and links, escaped. */
function textToParagraphs(text: string): string[] {
  return text
    .trim()
    .split(/\n{2,}/)
    .map((paragraph) =>
      handlebars
        .escapeExpression(paragraph)
        .replace(/(?:https?:\/\/|mailto:)[^\s<>"']+/g, (url) => `<a href="${url}">${url}</a>`)
        .replace(/\n/g, '<br>\n'),
    );
}

/** `load` is a template loader of the workspace (templateLoader), shared by the messages of a run. */
export async function renderMessage(load: (name: string) => Promise<Template>, kind: MessageKind, view: MessageView): Promise<RenderedMessage> {
  const [subjectTemplate, textTemplate, layout] = await Promise.all([
    load(join('mail', kind, `${view.lang}.subject.hbs`)),
    load(join('mail', kind, `${view.lang}.text.hbs`)),
    load(join('mail', 'layout.html.hbs')),
  ]);
  const options = { lang: view.lang, escapeHtml: false, fieldsOf: 'the message' };
  const subject = renderTemplate(subjectTemplate, view, options).replace(/\s+/g, ' ').trim();
  const text = tidyText(renderTemplate(textTemplate, view, options));
  const html = renderTemplate(layout, { lang: view.lang, subject, paragraphs: textToParagraphs(text) }, { lang: view.lang, escapeHtml: true, fieldsOf: 'the layout' });
  return { subject, text, html };
}
