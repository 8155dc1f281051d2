// The built CLI (dist/cli.js, as bin/circle runs it) stopped once a signups command holds its roster
// locks and has read the rosters: it tells its parent over the IPC channel and waits there, for a
// test to kill it (kill -9) at the point where a run is cut short between the lock and the write.
import { cli } from '../../dist/cli.js';

const hang = () => new Promise(() => setInterval(() => undefined, 60_000));
await cli(process.argv, {
  afterRosterLock: async () => {
    process.send?.('holding the roster lock');
    await hang();
  },
});
