import { describe, expect, it } from 'vitest';
import { isLoopback, reservedDomain, reservedFromFinding, reservedSettingFindings, senderRefusal } from '../../src/validate/reserved-domains.js';

describe('reserved example domains', () => {
  it.each([
    ['circles@example.org', 'example.org'],
    ['Circles@Mail.EXAMPLE.COM', 'example.com'],
    ['ana@example.net', 'example.net'],
    ['circles.example.org', 'example.org'],
    ['example.org.', 'example.org'],
    ['https://forms.example.org/lift-1', 'example.org'],
    ['https://lists.example.com:8443/x?y=1', 'example.com'],
    ['team@lift.test', '.test'],
    ['team@nowhere.invalid', '.invalid'],
    ['team@circles.example', '.example'],
    ['team@localhost', 'localhost'],
    ['http://localhost:8080/form', 'localhost'],
    ['team@open-contracting.org', undefined],
    ['team@example.org.uk', undefined],
    ['team@myexample.org', undefined],
    ['team@testing.org', undefined],
    ['https://forms.office.com/r/abc', undefined],
    ['circles.lift-network.net', undefined],
  ])('%s -> %s', (text, reserved) => {
    expect(reservedDomain(text)).toBe(reserved);
  });
});

describe('loopback SMTP servers', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['localhost', true],
    ['LOCALHOST.', true],
    ['mail.localhost', true],
    ['[::1]', true],
    ['::1', true],
    ['[::ffff:127.0.0.1]', true],
    ['[::ffff:7f00:1]', true],
    ['10.0.0.5', false],
    ['192.0.2.1', false],
    ['[::ffff:a00:1]', false],
    ['smtp.example.org', false],
    ['localhost.example.org', false],
    ['0x7f.1', false],
  ])('%s -> %s', (host, loopback) => {
    expect(isLoopback(host)).toBe(loopback);
  });
});

describe('sending from an example organiser', () => {
  it.each([
    ['circles@example.org', '127.0.0.1', undefined],
    ['circles@example.org', 'localhost', undefined],
    ['circles@open-contracting.org', 'smtp.mailhost.net', undefined],
    ['circles@example.org', 'smtp.mailhost.net', 'example.org'],
    ['team@lift.test', '10.1.2.3', '.test'],
  ])('from %s through %s: refused for %s', (from, host, reserved) => {
    const refusal = senderRefusal(from, host, 'organizer.email in circles/lift.series.yaml');
    if (reserved === undefined) expect(refusal).toBeUndefined();
    else
      expect(refusal).toEqual({
        message: `mail would come from ${from} (organizer.email in circles/lift.series.yaml), a domain reserved for examples (${reserved}): replies and calendar answers could never arrive`,
        hint: "put the organiser's real address in organizer.email in circles/lift.series.yaml; nothing was sent",
      });
  });
});

describe('validate: settings that reach people', () => {
  it('warns per setting, at its field, and leaves other fields alone', () => {
    const findings = reservedSettingFindings({
      organizer: { name: 'Lift', email: 'circles@example.org' },
      uid_domain: 'circles.example.org',
      mailing_list_url: 'https://lists.lift-network.net/news',
      meeting_url: 'https://meet.lift.test/lift-1',
      signup_url: 'https://forms.example.com/lift-1',
      host: { name: 'Ana', email: 'ana@example.org' },
    });
    expect(findings.map((f) => [f.path.join('.'), f.severity, f.message])).toEqual([
      ['organizer.email', 'warning', 'organizer.email circles@example.org is under example.org, a domain reserved for examples: replies to mail from it could never arrive'],
      ['uid_domain', 'warning', 'uid_domain circles.example.org is under example.org, a domain reserved for examples: every copy of the examples shares these calendar event ids'],
      ['meeting_url', 'warning', 'meeting_url https://meet.lift.test/lift-1 is under .test, a domain reserved for examples: nobody can join the session there'],
      ['signup_url', 'warning', 'signup_url https://forms.example.com/lift-1 is under example.com, a domain reserved for examples: nobody can sign up there'],
    ]);
  });

  it('takes a made-up .invalid UID domain (unique, never shared) but not a shared example one', () => {
    expect(reservedSettingFindings({ uid_domain: 'lift-0123456789ab.invalid' })).toEqual([]);
    expect(reservedSettingFindings({ uid_domain: 'example.com' }).map((f) => f.path.join('.'))).toEqual(['uid_domain']);
  });

  it.each([
    [undefined, undefined],
    ['', undefined],
    ['Lift <circles@lift-network.net>', undefined],
    ['circles@example.org', 'CIRCLE_FROM circles@example.org is under example.org, a domain reserved for examples: replies to mail from it could never arrive'],
    ['Lift Circles <circles@lift.test>', 'CIRCLE_FROM Lift Circles <circles@lift.test> is under .test, a domain reserved for examples: replies to mail from it could never arrive'],
  ])('CIRCLE_FROM %s -> %s', (from, message) => {
    expect(reservedFromFinding(from)?.message).toBe(message);
  });
});
