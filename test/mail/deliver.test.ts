import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deliver, type Outgoing, type Queued } from '../../src/mail/deliver.js';
import { JournalWriter, readJournal } from '../../src/mail/journal.js';
import { planDelivery } from '../../src/mail/plan.js';
import { openTransport, type PooledTransport } from '../../src/mail/transport.js';
import { smtpSettings } from '../../src/mail/smtp-settings.js';
import { unwrap } from '../../src/failure.js';
import { tempDir } from '../helpers/cli.js';
import { startSmtp, type TestSmtp, type Verdict } from '../helpers/smtp.js';

const open: Array<TestSmtp | PooledTransport> = [];
afterEach(async () => {
  for (const thing of open.splice(0)) await ('verify' in thing ? thing.close() : thing.close());
});

function message(to: string): Queued {
  const raw = Buffer.from(`From: circles@example.org\r\nTo: ${to}\r\nSubject: Hello ${to}\r\n\r\nYou are on the waitlist.\r\n`);
  const outgoing: Outgoing = { key: `waitlisted:${to}`, kind: 'waitlisted', to, from: 'circles@example.org', raw, messageId: `<${to}@example.org>` };
  return { key: outgoing.key, kind: outgoing.kind, to, build: async () => outgoing };
}

async function setup(verdict?: (to: string, count: number) => Verdict, url?: (smtp: TestSmtp) => string) {
  const smtp = await startSmtp({ verdict });
  open.push(smtp);
  const transport = await openTransport(unwrap(smtpSettings({ CIRCLE_SMTP_URL: url ? url(smtp) : smtp.url })));
  open.push(transport);
  const path = join(tempDir(), 'journals', 'circle.jsonl');
  const journal = await JournalWriter.open(path);
  return { smtp, transport, path, journal };
}

const people = ['ana@example.org', 'bo@example.org', 'cy@example.org', 'di@example.org'];
const fast = (n: number) => 10 * n;

describe('delivery over a real SMTP server', () => {
  it('sends each message once, one recipient each, and journals before and after', async () => {
    const { smtp, transport, path, journal } = await setup();
    const report = await deliver(people.map(message), { journal, transport });
    await journal.close();
    expect(report.outcomes.map((o) => o.outcome.state)).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect(smtp.received.map((r) => r.to).sort()).toEqual(people.map((p) => [p]));
    const { state } = await readJournal(path);
    expect([...state.values()].map((r) => [r.key, r.state])).toEqual(people.map((p) => [`waitlisted:${p}`, 'sent']));
    expect(planDelivery(people.map(message), state)).toEqual({ send: [], unconfirmed: [], failed: [] });
  });

  it('retries a 451 within the run, records a 550 as failed and goes on with the rest', async () => {
    let bo = 0;
    const { smtp, transport, path, journal } = await setup((to) => {
      if (to === 'bo@example.org' && bo++ < 2) return { code: 451, message: 'Try again later' };
      if (to === 'cy@example.org') return { code: 550, message: 'No such user' };
      return 'accept';
    });
    const report = await deliver(people.map(message), { journal, transport, backoff: fast });
    await journal.close();
    const states = Object.fromEntries(report.outcomes.map((o) => [o.message.to, o.outcome.state]));
    expect(states).toEqual({ 'ana@example.org': 'sent', 'bo@example.org': 'sent', 'cy@example.org': 'failed', 'di@example.org': 'sent' });
    expect(smtp.attempts.filter((a) => a.to[0] === 'bo@example.org')).toHaveLength(3);
    expect(smtp.attempts.filter((a) => a.to[0] === 'cy@example.org')).toHaveLength(1);
    const { state } = await readJournal(path);
    expect(state.get('waitlisted:cy@example.org')?.response).toContain('550 No such user');
    expect(planDelivery(people.map(message), state).failed.map((m) => m.to)).toEqual(['cy@example.org']);
    expect(planDelivery(people.map(message), state, { retryFailed: true }).send.map((m) => m.to)).toEqual(['cy@example.org']);
  });

  it('holds back a message whose connection dropped after the body: unconfirmed, not resent', async () => {
    const { smtp, transport, path, journal } = await setup((to) => (to === 'bo@example.org' ? 'drop' : 'accept'));
    const report = await deliver(people.map(message), { journal, transport, backoff: fast, inFlight: 1 });
    await journal.close();
    expect(report.outcomes.find((o) => o.message.to === 'bo@example.org')?.outcome.state).toBe('unconfirmed');
    expect(smtp.attempts.filter((a) => a.to[0] === 'bo@example.org')).toHaveLength(1);
    expect(smtp.received.map((r) => r.to[0]).sort()).toEqual(['ana@example.org', 'cy@example.org', 'di@example.org']);
    const { state } = await readJournal(path);
    const plan = planDelivery(people.map(message), state);
    expect(plan.unconfirmed.map((m) => m.to)).toEqual(['bo@example.org']);
    expect(plan.send).toEqual([]);
    expect(planDelivery(people.map(message), state, { resendUnconfirmed: true }).send.map((m) => m.to)).toEqual(['bo@example.org']);
  });

  it('a message with no answer because the run died is unconfirmed on the next run', async () => {
    const path = join(tempDir(), 'journals', 'circle.jsonl');
    const journal = await JournalWriter.open(path);
    await journal.write({ key: 'waitlisted:ana@example.org', kind: 'waitlisted', to: 'ana@example.org', state: 'sending', at: '2019-11-01T10:00:00.000Z', attempt: 1 });
    await journal.close();
    const { appendFileSync } = await import('node:fs');
    appendFileSync(path, '{"key":"waitlisted:bo@exam');
    const read = await readJournal(path);
    expect(read.damaged).toEqual([2]);
    expect(planDelivery(people.map(message), read.state).unconfirmed.map((m) => m.to)).toEqual(['ana@example.org']);
    const again = await JournalWriter.open(path);
    await again.write({ key: 'waitlisted:cy@example.org', kind: 'waitlisted', to: 'cy@example.org', state: 'sent', at: '2019-11-01T10:01:00.000Z' });
    await again.close();
    expect((await readJournal(path)).state.get('waitlisted:cy@example.org')?.state).toBe('sent');
  });

  it('stops on a refused login with nothing marked as sent', async () => {
    const { smtp, transport, path, journal } = await setup(undefined, (s) => `smtp://circles:wrong@127.0.0.1:${s.port}`);
    const report = await deliver(people.map(message), { journal, transport, backoff: fast, inFlight: 1 });
    await journal.close();
    expect(report.stopped?.reason).toBe('auth');
    expect(report.notTried.map((m) => m.to)).toEqual(people.slice(1));
    expect(smtp.received).toEqual([]);
    const { state } = await readJournal(path);
    expect(planDelivery(people.map(message), state).send.map((m) => m.to)).toEqual(people);
  });

  it('stops when the server goes away, and the next run sends only the rest', async () => {
    const first = await setup((_, count) => {
      if (count === 1) setImmediate(() => void first.smtp.close());
      return 'accept';
    });
    const report = await deliver(people.map(message), { journal: first.journal, transport: first.transport, backoff: fast, inFlight: 1 });
    await first.journal.close();
    expect(report.stopped?.reason).toBe('unreachable');
    const delivered = first.smtp.received.map((r) => r.to[0]);
    expect(delivered.length).toBeGreaterThan(0);
    const { state } = await readJournal(first.path);
    const plan = planDelivery(people.map(message), state);
    const second = await startSmtp({ port: first.smtp.port });
    open.push(second);
    const transport = await openTransport(unwrap(smtpSettings({ CIRCLE_SMTP_URL: second.url })));
    open.push(transport);
    const journal = await JournalWriter.open(first.path);
    await deliver(plan.send, { journal, transport });
    await journal.close();
    const everyone = [...delivered, ...second.received.map((r) => r.to[0])].sort();
    // Nobody gets it twice; whoever did not get it for sure is reported as unconfirmed.
    expect(new Set(everyone).size).toBe(everyone.length);
    expect(new Set([...everyone, ...plan.unconfirmed.map((m) => m.to)])).toEqual(new Set(people));
    expect(second.received.map((r) => r.to[0]).every((to) => !delivered.includes(to))).toBe(true);
  });
});
