import { mkdir } from 'node:fs/promises';
import type { Context, Shown, Style } from '../../context.js';
import { usageError } from '../../errors.js';
import { unwrap } from '../../failure.js';
import { followAddress, mailLock, rewriteJournal } from '../../mail/journal-rewrite.js';
import { cleanEmail, isValidEmail, quoted } from '../../model/email.js';
import { tidy } from '../../model/invisible.js';
import type { Language } from '../../model/schema.js';
import { editPerson, type Correction, type Edit } from '../../roster/edit.js';
import type { Lock } from '../../roster/lock.js';
import { readdressRemark } from '../../roster/remarks.js';
import { readRoster, rostersHolding, updateRoster } from '../../roster/store.js';
import { journalsDir } from '../../workspace/paths.js';
import { presentChange, updating, who, type ChangeOptions, type Changed } from './change-text.js';
import { circleById } from './circles.js';

export interface EditOptions extends ChangeOptions {
  /** The person's address as the roster has it. */
  address: string;
  /** The corrected address (--email). */
  email?: string;
  name?: string;
  lang?: Language;
}

export interface EditResult extends Changed {
  id: string;
  edit: Edit;
  /** Mail journal records that now name the new address. */
  records: number;
  remark?: string;
}

function correctionOf(o: EditOptions): Correction {
  const newEmail = o.email === undefined ? undefined : cleanEmail(o.email);
  if (newEmail !== undefined && !isValidEmail(newEmail)) throw usageError(`--email ${quoted(o.email ?? '')} is not an address mail can go to`, 'e.g. --email ana@example.org');
  const name = o.name === undefined ? undefined : (tidy(o.name) ?? '');
  if (name === '') throw usageError('--name is empty', 'give the full name, e.g. --name "Ana García"');
  return { ...(newEmail !== undefined ? { email: newEmail } : {}), ...(name !== undefined ? { name } : {}), ...(o.lang ? { language: o.lang } : {}) };
}

/**
 * `circle signups edit`: corrects a person's address, name or language in one circle. The mail
 * journal follows a new address under the mail lock, before the roster: if the run is cut short
 * between the two, the roster still names the old address and running the edit again finishes it
 * (the command failed, so the organiser knows; a mail run in between would write to the old
 * address once more).
 */
export async function run(o: EditOptions, context: Context): Promise<EditResult> {
  const { dir } = context;
  await circleById(dir, o.id);
  const correction = correctionOf(o);
  const newEmail = correction.email;
  const readdress = newEmail !== undefined && newEmail !== o.address;
  let lock: Lock | undefined;
  let records = 0;
  if (!o.dryRun && readdress) {
    await mkdir(journalsDir(dir), { recursive: true, mode: 0o700 });
    lock = await mailLock(dir, o.id);
  }
  try {
    // Checked first, so that a refused correction leaves the journal alone.
    unwrap(editPerson(await readRoster(dir, o.id), o.address, correction));
    if (lock && newEmail !== undefined) records = await rewriteJournal(dir, o.id, followAddress(o.address, newEmail));
    const edit = await updateRoster(dir, o.id, (roster) => {
      const edited = unwrap(editPerson(roster, o.address, correction));
      return { roster: edited.roster, result: edited };
    }, updating(o, context));
    const remark = readdress ? readdressRemark(edit.before.email, newEmail, await rostersHolding(dir, o.address, o.id)) : undefined;
    return { ok: true, dryRun: Boolean(o.dryRun), next: [], id: o.id, edit, records, ...(remark ? { remark } : {}) };
  } finally {
    await lock?.release();
  }
}

export function present(result: EditResult, style: Style): Shown {
  const { id, edit, records } = result;
  const language = edit.after.language !== edit.before.language ? ` (mail in ${edit.after.language})` : '';
  const lines = [
    `corrected ${who(edit.before)} to ${who(edit.after)}${language} in ${id}`,
    ...(records ? [`the mail journal of ${id} follows: ${records} record${records === 1 ? '' : 's'} now name ${edit.after.email}, so nothing already sent goes again`] : []),
  ];
  return presentChange(result, lines, style, result.remark);
}
