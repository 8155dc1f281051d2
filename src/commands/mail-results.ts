import type { Outcome, Shown, Style } from '../context.js';
import { countsLine, messageRow, type CircleResults, type RunCounts, type Unsent } from '../mail/summary.js';
import type { SampleResult } from '../mail/test-to.js';

/* What a mail run returns, and how it reads: the --json shapes are documented and do not change. */

type Row = ReturnType<typeof messageRow>;

/** What the shared flow did. */
export type MailRun = Outcome &
  (
    | { mode: 'list'; rows: Row[]; withoutSender: string[] }
    | { mode: 'preview'; written: Array<Row & { file: string }> }
    /** Nothing went: nothing was owed, or the organiser said no; every planned message not tried (none for --test-to). */
    | { mode: 'unsent'; said: 'nothing to send' | 'nothing sent'; results: CircleResults[] }
    | { mode: 'samples'; untranslated: string[]; results: SampleResult[] }
    | { mode: 'sent'; results: CircleResults[]; counts: RunCounts; unsent: Unsent[] }
  );

export type MailResult = MailRun & {
  /** Calendar files in invites/ and folders given to `invites --out` that this run's change left out of date. */
  stale: string[];
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function lines(result: MailResult, { colour }: Style): { out: string[]; err: string[] } {
  const paint = colour.err;
  const warning = (text: string) => `${paint.yellow('warning:')} ${text}`;
  switch (result.mode) {
    case 'list':
      return {
        out: result.rows.map((r) => `${r.circle}\t${r.kind}\t${r.to}\t${r.name ?? ''}\t${r.language}${r.position ? `\tposition ${r.position}` : ''}`),
        err: result.withoutSender.map((id) => warning(`${id} has no organizer to send from: add organizer: {name, email} to the series file, or set CIRCLE_FROM, before sending`)),
      };
    case 'preview':
      return { out: result.written.map((w) => w.file), err: [`wrote ${plural(result.written.length, 'message')} to open in a mail client; nothing was sent`] };
    case 'unsent':
      return { out: [], err: [result.said] };
    case 'samples':
      return {
        out: [],
        err: [
          ...result.untranslated.map(warning),
          ...result.results.map((r) => (r.state === 'sent' ? `sent a sample ${r.kind} message in ${r.language} to ${r.to}` : `${paint.red('failed:')} ${r.kind} in ${r.language}: ${r.response}`)),
          'the journal is unchanged: nobody on the roster was mailed',
        ],
      };
    case 'sent': {
      const { counts } = result;
      const stopped = counts.stopped
        ? [paint.red(counts.stopped.reason === 'auth' ? 'stopped: the server refused the login' : 'stopped: the server went away'), 'run the same command again to send the rest; nobody who was sent a message gets it twice']
        : [];
      return {
        out: [],
        err: [
          ...result.unsent.flatMap(({ state, what, todo }) => [`${state === 'unconfirmed' ? paint.yellow('unconfirmed') : paint.red(state)}: ${what}`, `  ${todo}`]),
          ...stopped,
          countsLine(counts),
          ...(counts.unconfirmed ? ['unconfirmed messages may have arrived; check with the people, then use --resend-unconfirmed if needed'] : []),
        ],
      };
    }
  }
}

export function present(result: MailResult, style: Style): Shown {
  const { out, err } = lines(result, style);
  const warnings = result.stale.map((text) => `${style.colour.err.yellow('warning:')} ${text}`);
  const text = (all: string[]) => all.map((line) => `${line}\n`).join('');
  return { out: text(out), err: text([...err, ...warnings]) };
}

/** --json: the rows of a list or preview, else the results of each circle (or of each sample). */
export function json(result: MailResult): unknown {
  switch (result.mode) {
    case 'list':
      return result.rows;
    case 'preview':
      return result.written;
    default:
      return result.results;
  }
}
