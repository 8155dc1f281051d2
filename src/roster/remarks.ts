/*
 * What the organiser is asked or told after a change to one person, as rules: the question before
 * a move costs someone their seat, where an address stays after a correction, and where a person
 * remains after an erasure (never "erased" while a copy is left).
 */

/** Before moving a seated person to a full circle. */
export function seatAtStake(person: string, from: string, to: string, position: number): { question: string; refusal: string } {
  const fact = `${person} has a seat in ${from}, but ${to} is full: they would wait at #${position} there`;
  return { question: `${fact}. Give up their seat?`, refusal: `not moved: ${fact}.` };
}

/**
 * After a new address: the other rosters that still hold the old one, and the form's responses,
 * whose old row would come back as a new signup (rows are recognised by address and time).
 */
export function readdressRemark(oldEmail: string, newEmail: string, others: readonly string[]): string {
  return [
    ...(others.length ? [`${oldEmail} is also on the roster of ${others.join(', ')}: correct it there too, e.g. circle signups edit ${others[0]} ${oldEmail} --email ${newEmail}`] : []),
    `correct the address in the form's responses too: importing an export that still has ${oldEmail} would add it again as a new signup`,
  ].join('\n');
}

/** After an erasure: the workspace files (relative paths) that still hold the address, besides the journals said to be kept. */
export function erasureRemark(email: string, remaining: readonly string[]): string {
  if (remaining.length === 0) return `${email} is in no other file of this workspace; the form itself may still hold their answers: delete them there too`;
  const inCircles = remaining.some((file) => /^(rosters|journals)\//.test(file));
  const everywhere = inCircles ? `erase them from every circle with \`circle signups remove --all ${email}\`; for the other files and the form itself, ` : '';
  return `${email} is still in ${remaining.join(', ')}: ${everywhere}delete them there too`;
}
