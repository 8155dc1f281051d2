import type { DateTime } from 'luxon';
import type { ResolvedCircle } from '../model/circle.js';

/*
 * When a circle's follow-up goes by itself (`circle run`, and what `circle status` counts as owed):
 * once the session is over, the circle is not cancelled, and its file holds `recording_url`. No
 * horizon in time: setting recording_url is the organiser's go-ahead, however late the recording is
 * up, and the journal lets each person have it once. A circle over without recording_url is left
 * alone (the example circles of a fresh workspace, an archive from before the tool).
 */

/** The recording a circle's follow-up sends now; undefined while the session runs, once cancelled, or without recording_url. */
export function followupRecording(resolved: ResolvedCircle, now: DateTime): string | undefined {
  const { circle } = resolved;
  if (circle.status === 'cancelled' || resolved.end > now) return undefined;
  return circle.recording_url;
}

/** Of the circles over (not cancelled), those whose file holds a recording_url and those without, by id. */
export function followupCircles(ended: readonly ResolvedCircle[]): { ready: string[]; without: string[] } {
  const over = ended.filter(({ circle }) => circle.status !== 'cancelled');
  return {
    ready: over.filter(({ circle }) => circle.recording_url !== undefined).map(({ circle }) => circle.id),
    without: over.filter(({ circle }) => circle.recording_url === undefined).map(({ circle }) => circle.id),
  };
}

/** At most this many circles are named in a reason: a workspace of past circles would name them all on every run. */
const NAMED = 5;

/** Why circles over get no follow-up, naming the first few. */
export function withoutRecordingReason(without: readonly string[]): string | undefined {
  if (without.length === 0) return undefined;
  const named = without.slice(0, NAMED).join(', ');
  const more = without.length > NAMED ? ` and ${without.length - NAMED} more` : '';
  const circles = without.length === 1 ? 'circle over has' : 'circles over have';
  return `${without.length} ${circles} no recording_url (${named}${more}): set recording_url in a circle file once its recording is up, and the next run sends it`;
}
