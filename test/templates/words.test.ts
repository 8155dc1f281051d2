import { describe, expect, it } from 'vitest';
import { eventText } from '../../src/invites/description.js';
import type { MessageKind } from '../../src/mail/kinds.js';
import { messageView, renderMessage } from '../../src/mail/render.js';
import type { Language } from '../../src/model/schema.js';
import { templateLoader } from '../../src/templates/files.js';
import { loadCircles } from '../../src/workspace/load.js';
import { ROOT } from '../helpers/cli.js';
import { editedWorkspace, render } from '../announce/render.js';

/*
 * The calendar text, the announcement and the mail of one circle, compared line by line: each
 * fixed word the calendar says must read the same in the others. Nothing here names a word, so a
 * change on one side only fails.
 */

/** Circle #1 with topics, a platform and three instigators (the list's conjunction), optionally cancelled. */
const workspace = (status: 'scheduled' | 'cancelled') =>
  editedWorkspace({
    'making-a-case.yaml': (text) =>
      text
        .replace('topics: []', 'topics: [Common blockers, The business case]')
        .replace('capacity: 20', 'capacity: 20\nplatform: Zoom')
        .replace('\nstart: ', '\n  - name: Ana Example\n    org: Example Org\n  - name: Bo Example\n    role: Analyst\nstart: ')
        .replace('status: scheduled', `status: ${status}`),
  });

async function outputs(dir: string, lang: Language) {
  const { circles } = await loadCircles(dir);
  const resolved = circles.find((c) => c.circle.id === 'making-a-case');
  if (!resolved) throw new Error('no making-a-case');
  const announcement = (await render({ dir, lang, format: 'text', ids: ['making-a-case'] })).body.split('\n');
  const mail = async (kind: MessageKind) => renderMessage(templateLoader(ROOT), kind, messageView(resolved, kind, lang, { name: 'Ana', position: 1 }));
  return { resolved, announcement, mail };
}

describe('the calendar, the announcement and the mail word the same things the same way', () => {
  describe.each(['en', 'es'] as const)('in %s', (lang) => {
    it('the announcement says each line of the public calendar text that it also has', async () => {
      const { resolved, announcement } = await outputs(workspace('scheduled'), lang);
      const event = eventText(resolved, lang, 'public');
      const [, cover, people, practical, signup] = event.description.split('\n\n') as [string, string, string, string, string];
      const [host, instigators] = people.split('\n');
      const [where] = practical.split('\n');
      expect(announcement).toContain(event.summary);
      expect(announcement).toContain(cover.split('\n')[0]);
      expect(announcement).toContain(host);
      expect(announcement).toContain(instigators);
      expect(instigators).toMatch(/.+, .+ (and|y) .+/);
      expect(announcement).toContain(where);
      expect(announcement).toContain(signup);
    });

    it('a cancelled circle: the announcement heading is the calendar summary, and both say it is cancelled alike', async () => {
      const { resolved, announcement, mail } = await outputs(workspace('cancelled'), lang);
      const event = eventText(resolved, lang, 'public');
      const [notice] = event.description.split('\n\n') as [string];
      expect(announcement).toContain(event.summary);
      expect(announcement.some((line) => line.startsWith(`${notice} `))).toBe(true);
      expect((await mail('cancelled')).subject).toBe(event.summary);
    });

    it('the mail to a seated person says the calendar invitation’s lines, and its sentence on recording', async () => {
      const { resolved, mail } = await outputs(workspace('scheduled'), lang);
      const [join, , , , practical] = eventText(resolved, lang, 'confirmed').description.split('\n\n') as [string, string, string, string, string];
      const [where, facts] = practical.split('\n') as [string, string];
      for (const kind of ['seat', 'invitation', 'update'] as const) {
        const text = (await mail(kind)).text.split('\n');
        expect(text).toContain(join);
        expect(text).toContain(where);
      }
      const recorded = facts.split(/(?<=\.) /).pop() as string;
      expect((await mail('waitlisted')).text).toContain(`${recorded} `);
    });
  });

  it.each([
    ['en', 'es', 'La sesión es en inglés.'],
    ['es', 'en', 'The session is held in Spanish.'],
  ] as const)('a session in %s: a reader of %s is told its language in the calendar invitation and the mail alike', async (session, reader, sentence) => {
    const dir = editedWorkspace({ 'making-a-case.yaml': (text) => text.replace('language: en', `language: ${session}`) });
    const { resolved, mail } = await outputs(dir, reader);
    const facts = eventText(resolved, reader, 'confirmed').description.split('\n\n').at(-1)?.split('\n')[1];
    expect(facts?.startsWith(`${sentence} `)).toBe(true);
    for (const kind of ['waitlisted', 'seat', 'invitation', 'update'] as const) expect((await mail(kind)).text).toContain(sentence);
  });
});
