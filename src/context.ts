import { AsyncLocalStorage } from 'node:async_hooks';

/*
 * What the caller of `main` hands the commands from outside the command line. The shipped CLI
 * passes nothing; a test entry passes the pause that lets it kill a run while it holds a roster lock.
 */

export interface Context {
  /** Awaited once a roster command holds its roster locks and has read the rosters. */
  afterRosterLock?: () => Promise<void>;
}

const current = new AsyncLocalStorage<Context>();

/** Runs `work` with `context`: every command it starts sees it through `context()`. */
export const withContext = <T>(context: Context, work: () => Promise<T>): Promise<T> => current.run(context, work);

/** The context of the running `main` (empty outside one). */
export const context = (): Context => current.getStore() ?? {};
