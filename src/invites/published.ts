import { createHash } from 'node:crypto';
import type { DateTime } from 'luxon';
import { utcIso } from '../model/time.js';
import * as z from 'zod';
import type { ResolvedCircle } from '../model/circle.js';
import { SLUG_PATTERN } from '../model/slug.js';
import { derivedOnce } from '../workspace/derived.js';

/*
 * What each circle's calendar event was last published as. Calendars match events by UID and
 * take a copy only when its SEQUENCE is higher (or equal with a later DTSTAMP), so these numbers
 * must never go back, and every clone of the workspace must agree on them.
 */

const entrySchema = z.strictObject({
  uid: z.string().min(3).regex(/^[^\s@]+@[^\s@]+$/),
  sequence: z.number().int().min(0),
  fingerprint: z.string().regex(/^[0-9a-f]{16}$/),
  published: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
  series: z.string().regex(SLUG_PATTERN),
  number: z.number().int().positive(),
});
export const publishedSchema = z.strictObject({ circles: z.record(z.string().regex(SLUG_PATTERN), entrySchema) });

export type PublishedEntry = z.output<typeof entrySchema>;
/** Entries by circle id. */
export type PublishedState = Record<string, PublishedEntry>;

/** The event a circle is written as now: what goes into UID, SEQUENCE and DTSTAMP. */
export interface Publication {
  uid: string;
  sequence: number;
  /** DTSTAMP: when the last change that raised SEQUENCE was published, epoch milliseconds. */
  stamp: number;
  change: 'new' | 'changed' | 'unchanged';
  /** The id this circle had when it was last published, when it was renamed since. */
  renamedFrom?: string;
}

/**
 * The fields whose change moves the event in people's calendars, hashed. Text edits are not among
 * them. Made once per read circle: each mail step of `circle run`, and its status, reconcile every circle.
 */
export const eventFingerprint = derivedOnce((resolved: ResolvedCircle): string => {
  const { circle } = resolved;
  const fields = [utcIso(resolved.start), utcIso(resolved.end), circle.platform ?? '', circle.meeting_url ?? '', circle.status];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex').slice(0, 16);
});

/** A circle's first UID: from its id and its series' UID domain only, so every clone derives the same. */
export function deriveUid(circleId: string, uidDomain: string, taken: ReadonlySet<string> = new Set()): string {
  let uid = `${circleId}@${uidDomain}`;
  // A new circle may reuse the id of a renamed one, whose UID stays with it.
  for (let n = 2; taken.has(uid); n++) uid = `${circleId}-${n}@${uidDomain}`;
  return uid;
}

export const isoSeconds = (millis: number) => new Date(millis).toISOString().replace(/\.\d{3}Z$/, 'Z');

export interface Reconciled {
  state: PublishedState;
  publications: Map<string, Publication>;
  /** Published circles whose file is gone and that no circle was renamed from. */
  orphans: string[];
}

/**
 * The state after publishing `chosen` at `now`. A circle without an entry takes over the entry of
 * a circle of the same series and number whose id no longer exists (a rename); otherwise it gets
 * a new UID at SEQUENCE 0. SEQUENCE goes up by one when the fingerprint changed.
 */
export function reconcile(state: PublishedState, chosen: readonly ResolvedCircle[], allIds: ReadonlySet<string>, now: DateTime): Reconciled {
  const next: PublishedState = { ...state };
  const publications = new Map<string, Publication>();
  const stamp = Math.floor(now.toMillis() / 1000) * 1000;
  for (const resolved of chosen) {
    const { circle } = resolved;
    const print = eventFingerprint(resolved);
    let previous = next[circle.id];
    let renamedFrom: string | undefined;
    if (!previous) {
      renamedFrom = Object.keys(next).find((id) => !allIds.has(id) && next[id]?.series === circle.series && next[id]?.number === circle.number);
      if (renamedFrom) {
        previous = next[renamedFrom];
        delete next[renamedFrom];
      }
    }
    const where = { series: circle.series, number: circle.number };
    if (!previous) {
      const taken = new Set(Object.values(next).map((entry) => entry.uid));
      const uid = deriveUid(circle.id, resolved.series.uid_domain, taken);
      next[circle.id] = { uid, sequence: 0, fingerprint: print, published: isoSeconds(stamp), ...where };
      publications.set(circle.id, { uid, sequence: 0, stamp, change: 'new' });
    } else if (previous.fingerprint !== print) {
      const sequence = previous.sequence + 1;
      next[circle.id] = { ...previous, sequence, fingerprint: print, published: isoSeconds(stamp), ...where };
      publications.set(circle.id, { uid: previous.uid, sequence, stamp, change: 'changed', ...(renamedFrom ? { renamedFrom } : {}) });
    } else {
      next[circle.id] = { ...previous, ...where };
      const unchanged = { uid: previous.uid, sequence: previous.sequence, stamp: Date.parse(previous.published), change: 'unchanged' as const };
      publications.set(circle.id, { ...unchanged, ...(renamedFrom ? { renamedFrom } : {}) });
    }
  }
  const orphans = Object.keys(next).filter((id) => !allIds.has(id)).sort();
  return { state: next, publications, orphans };
}
