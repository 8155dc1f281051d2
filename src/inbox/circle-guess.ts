import { folded } from '../model/slug.js';

/*
 * Which circle a question seems to be about, to help the person who reads it: its id written
 * in the mail, else the title's words in the subject. A guess, so it is only ever shown.
 */

export interface CircleName {
  id: string;
  title?: string;
}

/** Words too common to tell two titles apart. */
const COMMON = new Set(['the', 'and', 'for', 'with', 'from', 'into', 'your', 'about', 'circle', 'session', 'learning', 'los', 'las', 'del', 'para', 'con', 'una', 'por', 'sobre', 'sesion', 'circulo']);

const wordsOf = (text: string) => new Set(folded(text).split(/[^a-z0-9]+/).filter((word) => word.length >= 3 && !COMMON.has(word)));

/** The circle whose id appears in the subject or text, else the one most of whose title words are in the mail; none when two fit as well. */
export function guessCircle(subject: string, text: string, circles: readonly CircleName[]): string | undefined {
  const haystack = ` ${folded(`${subject} ${text}`).replace(/[^a-z0-9-]+/g, ' ')} `;
  const byId = circles.filter((circle) => haystack.includes(` ${circle.id} `));
  if (byId.length > 0) return byId.length === 1 ? byId[0]?.id : undefined;
  const said = wordsOf(`${subject} ${text.slice(0, 2000)}`);
  let best: { id: string; share: number } | undefined;
  let tie = false;
  for (const circle of circles) {
    const words = [...wordsOf(circle.title ?? '')];
    if (words.length === 0) continue;
    const share = words.filter((word) => said.has(word)).length / words.length;
    if (share < 2 / 3) continue;
    if (best && share === best.share) tie = true;
    else if (!best || share > best.share) [best, tie] = [{ id: circle.id, share }, false];
  }
  return tie ? undefined : best?.id;
}
