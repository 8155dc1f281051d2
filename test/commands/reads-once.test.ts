import { describe, expect, it } from 'vitest';
import { circle } from '../helpers/in-process.js';
import { cleanWorkspace, server, to } from '../helpers/mail.js';
import { setCapacity } from '../helpers/signups.js';

/*
 * `circle run` reads the workspace, rosters and journals once for all its steps (src/workspace/read-once.ts):
 * a roster one step writes is what the next step reads, in the same process.
 */

describe('circle run reads each file once, and what a step wrote anew', () => {
  it('seats filled by the promote step get their seat mail from the next step, and no second one from invites send', async () => {
    const dir = await cleanWorkspace();
    setCapacity(dir, 'health-outcomes', 5);
    const smtp = await server();
    const run = await circle(['run', '--yes', '--json'], { cwd: dir, env: { CIRCLE_SMTP_URL: smtp.url, CIRCLE_IMAP_URL: undefined }, now: new Date('2019-11-20T09:00:00Z') });
    expect(run.code).toBe(0);
    const steps = (JSON.parse(run.stdout) as { steps: Array<{ step: string; result?: unknown }> }).steps;
    const promoted = steps.find((s) => s.step === 'signups promote')?.result as Array<{ id: string; promoted: string[] }>;
    expect(promoted.filter((r) => r.promoted.length > 0)).toEqual([{ id: 'health-outcomes', promoted: ['diego@example.org', 'emma@example.org'] }]);
    // Each of the 7 once: the two promoted their seat, the two still waiting their place, the first three their invitation.
    expect(to(smtp.received)).toEqual(['ana@example.org', 'ben@example.org', 'chloe@example.org', 'diego@example.org', 'emma@example.org', 'farah@example.org', 'gus@example.org']);
    const subject = (address: string) => smtp.received.find((r) => r.to[0] === address)?.mail.subject ?? '';
    expect(subject('diego@example.org')).toMatch(/^(A seat opened for you|Se liberó una plaza para ti)/);
    expect(subject('emma@example.org')).toMatch(/^(A seat opened for you|Se liberó una plaza para ti)/);
    expect(subject('farah@example.org')).toMatch(/^(You are on the waitlist|Estás en la lista de espera)/);
    expect(subject('ana@example.org')).toMatch(/^(Your seat at|Tu plaza en)/);
  });
});
