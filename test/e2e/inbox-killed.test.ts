import { describe, expect, it } from 'vitest';
import { runCliAsync, startCli } from '../helpers/cli.js';
import { ENV, fixture, inboxWorkspace, writeMbox } from '../inbox/workspace.js';
import { handledIds, rosterState } from '../inbox/workspace-state.js';

const PAUSED = new URL('./inbox-paused.mjs', import.meta.url).pathname;
const BO = '<AM0PR01MB0002@AM0PR01MB.eurprd01.prod.outlook.com>';
const DI = '<a1b2c3d4-0004@example.org>';
const QUESTION = '<question-0010@example.org>';

describe('circle inbox killed half-way (the built CLI)', () => {
  it('kill -9 during the second change: the next run acts on the rest, and nothing twice', async () => {
    const dir = await inboxWorkspace();
    const mbox = writeMbox(dir, [fixture('outlook-declined.eml'), fixture('thunderbird-declined.eml'), fixture('question.eml')]);
    const run = startCli(['inbox', '--from', mbox], { cwd: dir, env: ENV }, PAUSED);
    const ended = run.done.then((result) => Promise.reject(new Error(`circle inbox ended (exit ${result.code}) before the second change: ${result.stderr}`)));
    ended.catch(() => undefined);
    await Promise.race([new Promise((resolve) => run.child.once('message', resolve)), ended]);
    run.child.kill('SIGKILL');
    await run.done;
    // Bo's decline was done and recorded; Di's was under way.
    expect(handledIds(dir)).toEqual([BO]);
    expect(await rosterState(dir)).toEqual(['ana:confirmed', 'cy:confirmed', 'di:confirmed', 'fay:confirmed:owed', 'gus:waitlisted', 'hal:waitlisted', 'bo:cancelled (declined the calendar invitation)']);

    const next = await runCliAsync(['inbox', '--from', mbox], { cwd: dir, env: ENV });
    expect(next.code).toBe(0);
    expect(next.stdout.split('\n').slice(0, 2)).toEqual([
      'inbox.mbox: 2 new messages (1 handled before)',
      'Di Example <di@example.org> declined making-a-case: seat cancelled; Gus Example <gus@example.org> promoted to a seat',
    ]);
    expect(next.stderr).toContain('recovered the inbox lock left by a run that stopped');
    expect(handledIds(dir)).toEqual([BO, DI, QUESTION]);
    expect(await rosterState(dir)).toEqual([
      'ana:confirmed', 'cy:confirmed', 'fay:confirmed:owed', 'gus:confirmed:owed', 'hal:waitlisted',
      'bo:cancelled (declined the calendar invitation)', 'di:cancelled (declined the calendar invitation)',
    ]);
  });
});
