import type { Context, Shown, Style } from '../../context.js';
import { inputError, usageError } from '../../errors.js';
import type { ResolvedCircle } from '../../model/circle.js';
import { move, type Move } from '../../roster/move.js';
import { seatAtStake } from '../../roster/remarks.js';
import { updateRosters } from '../../roster/store.js';
import type { Roster } from '../../roster/types.js';
import { unwrap } from '../../failure.js';
import { circlesNamed } from '../../workspace/select.js';
import { presentChange, promotedLines, seatsLine, updating, who, type ChangeOptions, type Changed } from './change-text.js';
import { circleById, mustBeScheduled, seatRules } from './circles.js';
import { promotions, stepsAfter } from './next-steps.js';

/* `circle signups move`: cancelled here, added there by their signup time; a seated person who would only wait there moves only once the organiser agrees. */

export interface MoveOptions extends ChangeOptions {
  email: string;
  to: string;
  yes?: boolean;
}

export interface MoveResult extends Changed {
  id: string;
  to: string;
  capacity: { from: number; to: number };
  move: Extract<Move, { kind: 'moved' }>;
  /** The question a dry run would have asked. */
  asked?: string;
}

export async function run(o: MoveOptions, context: Context): Promise<MoveResult> {
  if (o.to === o.id) throw usageError('--to names the circle they are already on');
  const { circle, circles } = await circleById(context.dir, o.id);
  const [target] = unwrap(circlesNamed(circles, [o.to])) as [ResolvedCircle];
  mustBeScheduled(target);
  const fromRules = seatRules(circle, context.now());
  const toRules = { ...seatRules(target, context.now()), now: fromRules.now };
  const attempt = (seatLossAgreed: boolean) =>
    updateRosters<Move>(context.dir, [o.id, o.to], (rosters) => {
      const result = move(rosters.get(o.id) as Roster, rosters.get(o.to) as Roster, o.email, { from: fromRules, to: toRules, seatLossAgreed });
      if (result.kind === 'refused') throw inputError(result.why, result.hint);
      // Asked, not done: the rosters are left as they were.
      if (result.kind === 'seat-at-stake') return { rosters, result };
      return { rosters: new Map([[o.id, result.from], [o.to, result.to]]), result };
    }, updating(o, context));

  let result = await attempt(Boolean(o.yes));
  let asked: string | undefined;
  if (result.kind === 'seat-at-stake') {
    const { question, refusal } = seatAtStake(who(result.person), o.id, o.to, result.position);
    if (o.dryRun) asked = question;
    else if (!context.interactive) throw inputError(refusal, `to move them anyway, run it again with --yes; or free a seat in ${o.to} first`);
    else if (!(await context.prompter.askYesNo(question, false))) throw inputError(`not moved: ${who(result.person)} keeps their seat in ${o.id}`);
    result = await attempt(true);
  }
  if (result.kind !== 'moved') throw new Error('a move agreed to was not made');
  const next = o.dryRun
    ? []
    : await stepsAfter(context, [
        { circle: o.id, cancelled: circle.circle.status === 'cancelled', ...promotions(result.promotedFrom), left: [result.left] },
        { circle: o.to, seated: result.position === undefined ? 1 : 0, waitlisted: result.position === undefined ? 0 : 1, promoted: result.promotedTo.length },
      ]);
  return { ok: true, dryRun: Boolean(o.dryRun), next, id: o.id, to: o.to, capacity: { from: fromRules.capacity, to: toRules.capacity }, move: result, ...(asked ? { asked } : {}) };
}

export function present(result: MoveResult, style: Style): Shown {
  const { id, to, move: moved } = result;
  const place = moved.position === undefined ? 'a seat' : `the waitlist at #${moved.position}`;
  const lines = [
    `moved ${who(moved.left)} from ${id} to ${place} in ${to}`,
    ...(moved.seatLost ? [`${who(moved.left)} gave up their seat in ${id}: ${to} had none free`] : []),
    ...promotedLines(moved.promotedFrom, id),
    ...promotedLines(moved.promotedTo, to),
    seatsLine(moved.from, result.capacity.from),
    seatsLine(moved.to, result.capacity.to),
  ];
  return presentChange(result, lines, style, undefined, result.asked ? `${result.asked} (pass --yes to agree)\n` : '');
}
