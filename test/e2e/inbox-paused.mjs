// The built CLI (dist/cli.js) stopped half-way through a `circle inbox` run: the first roster change
// goes through, the second stops once it holds its roster lock, tells the parent over IPC and waits
// there, for a test to kill it (kill -9) with one message acted on and the next one under way.
import { cli } from '../../dist/cli.js';

let changes = 0;
await cli(process.argv, {
  afterRosterLock: async () => {
    if (++changes < 2) return;
    process.send?.('holding the roster lock for the second change');
    await new Promise(() => setInterval(() => undefined, 60_000));
  },
});
