import { lapsedLines, promotedLines } from '../signups/change-text.js';
import { offerRules } from '../../roster/offers.js';
import { expireAll } from './offers.js';
import { promoteAll } from './promote.js';
import { scheduled, skipped, type Step } from './step.js';

/* The roster steps of `circle run`: offers past their deadline lapse, then free seats are given (or offered). */

export const offersExpire: Step = {
  name: 'offers expire',
  run: async (o, context, due) => {
    // Offers left open in a circle whose offer_hours was removed lapse in the next step (promote lapses them first).
    const circles = scheduled(due).filter((circle) => offerRules(circle) !== undefined);
    if (circles.length === 0) return skipped('no scheduled circle to come has offer_hours set');
    const results = await expireAll(circles, o.dryRun ? { dryRun: true } : {}, context);
    const lapsed = results.reduce((n, r) => n + r.lapsed.length, 0);
    const open = results.reduce((n, r) => n + r.offered, 0);
    const lines = results.flatMap((r) => lapsedLines(r.lapsed, r.id));
    const dry = o.dryRun ? 'dry run: no roster written\n' : '';
    return {
      ok: true,
      result: results.map((r) => ({ id: r.id, lapsed: r.lapsed.map((s) => s.email), offered: r.offered })),
      text: `${dry}${lines.map((line) => `${line}\n`).join('')}${lapsed} seat offer${lapsed === 1 ? '' : 's'} lapsed, ${open} still open\n`,
    };
  },
};

export const signupsPromote: Step = {
  name: 'signups promote',
  run: async (o, context, due) => {
    const circles = scheduled(due);
    if (circles.length === 0) return skipped('no scheduled circle to come');
    const results = await promoteAll(circles, o.dryRun ? { dryRun: true } : {}, context);
    // Lapses of circles with offer_hours are the "offers expire" step's (also in a dry run, which wrote none).
    const told = new Set(circles.filter((circle) => offerRules(circle) !== undefined).map(({ circle }) => circle.id));
    const untold = results.map((r) => ({ ...r, lapsed: told.has(r.id) ? [] : r.lapsed }));
    const lines = untold.flatMap((r) => [...lapsedLines(r.lapsed, r.id), ...promotedLines(r.promoted, r.id)]);
    const dry = o.dryRun ? 'dry run: no roster written\n' : '';
    return {
      ok: true,
      result: untold.map((r) => ({ id: r.id, promoted: r.promoted.map((s) => s.email), ...(r.lapsed.length ? { lapsed: r.lapsed.map((s) => s.email) } : {}) })),
      text: `${dry}${lines.length ? lines.join('\n') : 'no free seat with someone waiting'}\n`,
    };
  },
};
