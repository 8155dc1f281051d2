import { note } from '../../ui/terminal.js';
import type { LockEvents } from '../../roster/lock.js';

/** What the user sees while a roster lock is busy or recovered. */
export function lockEvents(): LockEvents {
  return {
    waiting: (owner, waited) => note(`${waited < 1000 ? 'waiting' : `still waiting (${Math.round(waited / 1000)} s)`} for another circle command (pid ${owner.pid} on ${owner.host}) to finish with the roster…`),
    recovered: (owner) => note(`recovered a roster lock left by a run that stopped (pid ${owner.pid || 'unknown'}, since ${owner.since})`),
  };
}
