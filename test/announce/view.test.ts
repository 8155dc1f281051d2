import { describe, expect, it } from 'vitest';
import { VIEW_FIELDS, type SeatCounts } from '../../src/announce/view.js';
import { editedWorkspace, render } from './render.js';

const rosters: Record<string, SeatCounts> = {
  'making-a-case': { confirmed: 17, capacity: 20, waitlisted: 0 },
  'supplier-engagement': { confirmed: 19, capacity: 20, waitlisted: 0 },
  'health-outcomes': { confirmed: 20, capacity: 20, waitlisted: 4 },
  // ocds-field-mapping has no roster yet.
};
const seatsFor = (id: string) => rosters[id];

describe('seats left, where a roster exists', () => {
  it('says how many seats are left, or that the circle is full, in English', async () => {
    const { body, view } = await render({ lang: 'en', format: 'text', seatsFor });
    expect(view.circles.map((c) => c.seats)).toEqual([
      { left: 3, full: false, confirmed: 17, capacity: 20, waitlisted: 0 },
      { left: 1, full: false, confirmed: 19, capacity: 20, waitlisted: 0 },
      { left: 0, full: true, confirmed: 20, capacity: 20, waitlisted: 4 },
      null,
    ]);
    expect(body.match(/^Seats: .*$/gm)).toEqual([
      'Seats: 3 left of 20, sign up fast!',
      'Seats: only 1 left of 20, sign up fast!',
      'Seats: full; new sign-ups join the waitlist',
      'Seats: only 20, sign up fast!',
    ]);
  });

  it('and in Spanish, in every format', async () => {
    const markdown = (await render({ lang: 'es', format: 'markdown', seatsFor })).body;
    expect(markdown.match(/^- \*\*Plazas:\*\* .*$/gm)).toEqual([
      '- **Plazas:** quedan 3 de 20, ¡inscríbete cuanto antes!',
      '- **Plazas:** solo queda 1 de 20, ¡inscríbete cuanto antes!',
      '- **Plazas:** el círculo está completo; quienes se inscriban ahora pasarán a la lista de espera',
      '- **Plazas:** solo 20, ¡inscríbete cuanto antes!',
    ]);
    const html = (await render({ lang: 'es', format: 'html', seatsFor, ids: ['health-outcomes'] })).body;
    expect(html).toContain('<dt>Plazas</dt>\n        <dd>el círculo está completo; quienes se inscriban ahora pasarán a la lista de espera</dd>');
  });

  it('counts no seats for a cancelled circle', async () => {
    const dir = editedWorkspace({ 'health-outcomes.yaml': (text) => text.replace('status: scheduled', 'status: cancelled') });
    const { view, body } = await render({ dir, lang: 'en', format: 'markdown', seatsFor });
    const cancelled = view.circles.find((c) => c.id === 'health-outcomes');
    expect(cancelled).toMatchObject({ cancelled: true, seats: null, signupUrl: null });
    expect(body).not.toContain('forms.example.org/lift-3');
    expect(view.series.circleCount).toBe(3);
  });
});

describe('the view templates see', () => {
  it('holds every field a template may name, and VIEW_FIELDS lists exactly those', async () => {
    const dir = editedWorkspace({
      'health-outcomes.yaml': (text) => text.replace('topics: []', 'topics: [Procurement data]').replace('capacity: 20', 'capacity: 20\nplatform: Zoom'),
    });
    const { view } = await render({ dir, lang: 'en', format: 'text', tz: ['Pacific/Auckland'], seatsFor, ids: ['health-outcomes'] });
    const paths = new Set<string>(['subject']);
    const walk = (value: unknown, prefix: string) => {
      if (prefix) paths.add(prefix);
      const item = Array.isArray(value) ? value[0] : value;
      if (item && typeof item === 'object') for (const [key, child] of Object.entries(item)) walk(child, prefix ? `${prefix}.${key}` : key);
    };
    walk(view, '');
    expect([...paths].sort()).toEqual([...VIEW_FIELDS].sort());
  });

  it('takes circle text from translations, names the language a circle is held in, and keeps the meeting link out', async () => {
    const { view } = await render({ lang: 'es', format: 'text', ids: ['health-outcomes'] });
    const [circle] = view.circles;
    expect(circle?.title).toBe('Mejores resultados en salud gracias a la contratación abierta');
    expect(circle?.summary[0]).toMatch(/^Según la OMS/);
    expect(circle?.language).toBe('inglés');
    expect(JSON.stringify(view)).not.toContain('meet.example.org');
  });

  it('lists each missing translation with the field to add', async () => {
    const dir = editedWorkspace({ 'making-a-case.yaml': (text) => text.replace(/\ntranslations:\n(?: {2}.*\n)+/, '\n') });
    const { missing, view } = await render({ dir, lang: 'es', format: 'text' });
    expect(missing).toEqual([
      { file: expect.stringMatching(/making-a-case\.yaml$/), field: 'translations.es.title', shown: 'en' },
      { file: expect.stringMatching(/making-a-case\.yaml$/), field: 'translations.es.summary', shown: 'en' },
    ]);
    expect(view.circles[0]?.title).toBe('Making a case for open contracting');
    expect((await render({ dir, lang: 'en', format: 'text' })).missing).toEqual([]);
  });
});
