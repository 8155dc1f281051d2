import { shownPath } from '../workspace/file-errors.js';
import type { CirclePlan } from '../mail/mailing.js';
import { seriesFile } from '../workspace/paths.js';
import { senderRefusal } from './reserved-domains.js';

/** Where a circle's sender is set: its own file, its series' file, or CIRCLE_FROM. */
function senderSetting({ resolved }: CirclePlan, dir: string): string {
  if (resolved.circle.organizer) return `organizer.email in ${shownPath(resolved.file)}`;
  if (resolved.series.organizer) return `organizer.email in ${shownPath(seriesFile(dir, resolved.series.slug))}`;
  return 'CIRCLE_FROM';
}

/** The first circle whose mail would go through a real server from an example organiser: checked before anything is recorded or sent. */
export function exampleSender(circles: readonly CirclePlan[], smtpHost: string, dir: string): { message: string; hint: string } | undefined {
  for (const circle of circles) {
    if (!circle.sender || circle.plan.send.length === 0) continue;
    const refusal = senderRefusal(circle.sender.email, smtpHost, senderSetting(circle, dir));
    if (refusal) return refusal;
  }
  return undefined;
}
