import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { unfoldLines } from '../../src/invites/fold.js';
import { personalInvitation } from '../../src/invites/personal.js';
import { reconcile } from '../../src/invites/published.js';
import { unwrap } from '../../src/failure.js';
import { isValidEmail } from '../../src/model/email.js';
import type { CircleInput } from '../../src/model/schema.js';
import { inEachMachineZone, makeCircle, parseCalendar, physicalLines, SERIES } from './fixtures.js';

const now = DateTime.fromISO('2019-10-01T09:00:00Z', { zone: 'utc' });
const ana = { name: 'Ana Pérez', email: 'ana.perez+lift@example.org' };

function published(overrides: Partial<CircleInput> = {}, series = SERIES) {
  const resolved = makeCircle(overrides, series);
  const publication = reconcile({}, [resolved], new Set([resolved.circle.id]), now).publications.get(resolved.circle.id);
  if (!publication) throw new Error('not published');
  return { resolved, publication };
}

/** The invitation of a person the rules accept. */
const invite = async (...args: Parameters<typeof personalInvitation>) => unwrap(await personalInvitation(...args));

function attendeeOf(ics: string) {
  physicalLines(ics);
  const { calendar, events } = parseCalendar(ics);
  const [event] = events;
  const attendees = event?.vevent.getAllProperties('attendee') ?? [];
  expect(attendees).toHaveLength(1);
  const attendee = attendees[0];
  const organizer = event?.vevent.getFirstProperty('organizer');
  return {
    method: calendar.getFirstPropertyValue('method'),
    event,
    attendee: {
      value: attendee?.getFirstValue(),
      cn: attendee?.getParameter('cn'),
      rsvp: attendee?.getParameter('rsvp') ?? null,
      partstat: attendee?.getParameter('partstat') ?? null,
    },
    organizer: { value: organizer?.getFirstValue(), cn: organizer?.getParameter('cn') },
  };
}

inEachMachineZone(() => {
  describe('a personal invitation', () => {
    it('asks a confirmed person to accept: REQUEST, RSVP, NEEDS-ACTION, their name, the organizer, the meeting link', async () => {
      const { resolved, publication } = published();
      const invitation = await invite(resolved, publication, ana, { sentAt: now });
      expect(invitation).toMatchObject({ method: 'REQUEST', filename: 'invite.ics' });
      expect(unfoldLines(invitation.ics)).toContain('ATTENDEE;RSVP=TRUE;PARTSTAT=NEEDS-ACTION;CN="Ana Pérez":mailto:ana.perez+lift@example.org');
      const { method, event, attendee, organizer } = attendeeOf(invitation.ics);
      expect(method).toBe('REQUEST');
      expect(attendee).toEqual({ value: 'mailto:ana.perez+lift@example.org', cn: 'Ana Pérez', rsvp: 'TRUE', partstat: 'NEEDS-ACTION' });
      expect(organizer).toEqual({ value: 'MAILTO:circles@example.org', cn: 'Lift Learning Circles' });
      expect(event).toMatchObject({
        uid: 'making-a-case@circles.example.org',
        sequence: 0,
        start: '2019-11-06T08:30:00Z',
        end: '2019-11-06T09:45:00Z',
        stamp: '2019-10-01T09:00:00Z',
        status: 'CONFIRMED',
        location: 'https://meet.example.org/lift-1',
        url: 'https://meet.example.org/lift-1',
      });
      expect(event?.description).toMatch(/^Join the session: https:\/\/meet\.example\.org\/lift-1\n\n/);
      expect(event?.description).not.toContain('Sign up');
      expect(event?.alarms).toHaveLength(1);
      expect(invitation.ics).not.toContain('X-WR-CALNAME');
    });

    it("is in the person's language unless told otherwise", async () => {
      const { resolved, publication } = published();
      const { event } = attendeeOf((await invite(resolved, publication, { ...ana, language: 'es' }, { sentAt: now })).ics);
      expect(event?.summary).toBe('Círculo de aprendizaje n.º 1: Making a case for open contracting');
      expect(event?.description).toMatch(/^Únete a la sesión: https:\/\/meet\.example\.org\/lift-1\n\n/);
      const english = attendeeOf((await invite(resolved, publication, { ...ana, language: 'es' }, { lang: 'en', sentAt: now })).ics);
      expect(english.event?.summary).toBe('Learning Circle #1: Making a case for open contracting');
    });

    it('tells a reader whose language is not the session\'s which language it is held in, and nobody else', async () => {
      const description = async (language: 'en' | 'es', reader: 'en' | 'es') => {
        const { resolved, publication } = published({ language, translations: { [language === 'en' ? 'es' : 'en']: { title: 'Making a case' } } });
        return attendeeOf((await invite(resolved, publication, { ...ana, language: reader }, { sentAt: now })).ics).event?.description ?? '';
      };
      expect(await description('es', 'en')).toContain('\nThe session is held in Spanish. The session will be recorded.');
      expect(await description('en', 'es')).toContain('\nLa sesión es en inglés. La sesión se grabará.');
      expect(await description('en', 'en')).not.toContain('held in');
      expect(await description('es', 'es')).not.toContain('La sesión es en');
    });

    it('cleans a name with a line break and quotes, and an address with spaces around it, with the shared email rule', async () => {
      const { resolved, publication } = published({}, { ...SERIES, organizer: { name: 'Lift "Learning"\nCircles', email: 'circles@example.org' } });
      const invitation = await invite(resolved, publication, { name: 'Ana "la Jefa"\r\nPérez', email: '\u00a0 ana@example.org \u200b' }, { sentAt: now });
      expect(invitation.ics).not.toContain('\\"');
      const { attendee, organizer } = attendeeOf(invitation.ics);
      expect(attendee).toMatchObject({ value: 'mailto:ana@example.org', cn: "Ana 'la Jefa' Pérez" });
      expect(organizer.cn).toBe("Lift 'Learning' Circles");
    });

    it.each([
      "o'brien@example.org",
      'ana.perez+lift@mail.example.org',
      'x_y-z~{1}@sub-domain.example.org',
      `${'a'.repeat(64)}@example.org`,
      'ANA@Example.ORG',
    ])('invites %s, an address the shared email rule accepts, spelt as given', async (email) => {
      expect(isValidEmail(email)).toBe(true);
      const { resolved, publication } = published();
      const { attendee } = attendeeOf((await invite(resolved, publication, { name: 'Ana', email }, { sentAt: now })).ics);
      expect(attendee.value).toBe(`mailto:${email}`);
    });

    it('names an attendee without a name by their address, never "Unnamed attendee"', async () => {
      const { resolved, publication } = published();
      const { attendee } = attendeeOf((await invite(resolved, publication, { name: ' \n ', email: 'ana@example.org' }, { sentAt: now })).ics);
      expect(attendee.cn).toBe('ana@example.org');
    });

    it('refuses an address the email rule rejects, and a circle without organizer', async () => {
      const { resolved, publication } = published();
      for (const email of ['ana@example', 'ana@example.org\r\nBcc: x@example.org', 'ana pérez@example.org', '"a"@example.org']) {
        expect(await personalInvitation(resolved, publication, { name: 'Ana', email }, { sentAt: now })).toEqual({
          ok: false,
          failure: { kind: 'input', message: `cannot invite ${JSON.stringify(email)}: not a valid email address`, hint: 'correct the address in the roster' },
        });
      }
      const { organizer: _, ...noOrganizer } = SERIES;
      const bare = published({}, noOrganizer);
      expect(await personalInvitation(bare.resolved, bare.publication, ana, { sentAt: now })).toMatchObject({ ok: false, failure: { kind: 'input', message: expect.stringMatching(/has no organizer/) } });
    });

    it('cancels a seat: CANCEL with that attendee, same UID and SEQUENCE, DTSTAMP the time it is sent, no link', async () => {
      const { resolved, publication } = published();
      const sentAt = DateTime.fromISO('2019-10-05T12:00:00.400Z', { zone: 'utc' });
      const invitation = await invite(resolved, publication, ana, { seat: 'cancelled', sentAt });
      expect(invitation).toMatchObject({ method: 'CANCEL', filename: 'cancel.ics' });
      const { method, event, attendee } = attendeeOf(invitation.ics);
      expect(method).toBe('CANCEL');
      expect(attendee).toEqual({ value: 'mailto:ana.perez+lift@example.org', cn: 'Ana Pérez', rsvp: null, partstat: null });
      expect(event).toMatchObject({ uid: 'making-a-case@circles.example.org', sequence: 0, stamp: '2019-10-05T12:00:00Z', status: 'CANCELLED' });
      expect(event?.description).toMatch(/^Your seat in this circle is cancelled\./);
      expect(invitation.ics).not.toContain('meet.example.org');
      expect(event?.alarms).toHaveLength(0);
    });

    it('cancels for everyone when the circle is cancelled, with the raised SEQUENCE of the public file', async () => {
      const before = reconcile({}, [makeCircle()], new Set(['making-a-case']), now);
      const cancelled = makeCircle({ status: 'cancelled' });
      const after = reconcile(before.state, [cancelled], new Set(['making-a-case']), now.plus({ days: 2 }));
      const publication = after.publications.get('making-a-case');
      if (!publication) throw new Error('not published');
      const invitation = await invite(cancelled, publication, ana, { sentAt: now.plus({ days: 2 }) });
      const { method, event, attendee } = attendeeOf(invitation.ics);
      expect(method).toBe('CANCEL');
      expect(attendee.value).toBe('mailto:ana.perez+lift@example.org');
      expect(event).toMatchObject({ sequence: 1, status: 'CANCELLED', stamp: '2019-10-03T09:00:00Z' });
      expect(event?.description).toMatch(/^This circle is cancelled\./);
      expect(invitation.ics).not.toContain('meet.example.org');
    });
  });
});
