import type { Context } from '../../context.js';
import type { UpdateOptions } from '../../roster/store.js';

/** The roster-lock options of a signups command: what the user sees while a lock is busy or recovered, and the caller's pause once the locks are held. */
export function rosterLocking(context: Pick<Context, 'events' | 'afterRosterLock'>): Pick<UpdateOptions, 'events' | 'afterLock'> {
  const { note } = context.events;
  return {
    events: {
      waiting: (owner, waited) => note(`${waited < 1000 ? 'waiting' : `still waiting (${Math.round(waited / 1000)} s)`} for another circle command (pid ${owner.pid} on ${owner.host}) to finish with the roster…`),
      recovered: (owner) => note(`recovered a roster lock left by a run that stopped (pid ${owner.pid || 'unknown'}, since ${owner.since})`),
    },
    afterLock: context.afterRosterLock,
  };
}
