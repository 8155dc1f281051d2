import { join } from 'node:path';
import { writeFileAtomic } from '../workspace/atomic-write.js';
import { makeFolder, shownPath as shown } from '../workspace/file-errors.js';
import type { CirclePlan, Mailing, MailingRequest } from './mailing.js';
import type { WantedMessage } from './messages.js';
import { buildOutgoing, senderFor } from './outgoing.js';

/* Messages of a plan built without sending: .eml previews and --test-to samples. Nothing is journaled. */

/** These messages of the plan, built to go (to `to` instead, for --test-to); nothing is journaled. */
export async function buildMessages(mailing: Mailing, request: MailingRequest, chosen: ReadonlyArray<{ circle: CirclePlan; message: WantedMessage }>, to?: string) {
  const built = [];
  for (const { circle, message } of chosen) {
    const { resolved } = circle;
    const publication = mailing.publishing?.publications.get(resolved.circle.id);
    const sender = circle.sender ?? (await senderFor(resolved, request.env));
    built.push({ circle: resolved.circle.id, message, outgoing: await buildOutgoing(message, { templates: mailing.templates, resolved, publication, sender, now: mailing.now, to, secret: request.env.CIRCLE_SECRET }) });
  }
  return built;
}

/** Every message of the plan as an .eml file in `folder`, in plan order; nothing is journaled. */
export async function writePreviews(mailing: Mailing, request: MailingRequest, folder: string): Promise<Array<{ circle: string; message: WantedMessage; file: string }>> {
  await makeFolder(folder, 0o700); // personal data: a new folder is the owner's alone
  const all = mailing.circles.flatMap((circle) => circle.plan.send.map((message) => ({ circle, message })));
  const written = [];
  for (const [index, { circle, message, outgoing }] of (await buildMessages(mailing, request, all)).entries()) {
    const file = join(folder, `${String(index + 1).padStart(3, '0')}-${circle}-${message.kind}.eml`);
    await writeFileAtomic(file, outgoing.raw.toString('utf8'), { overwrite: true, access: 'private' });
    written.push({ circle, message, file: shown(file) });
  }
  return written;
}
