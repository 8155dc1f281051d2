import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { byTo, mail, server, to, workspace } from '../helpers/mail.js';
import { circle } from '../helpers/in-process.js';

/* `circle followup`: only after the session, and a changed recording link is corrected once (issue 11). */

const circleFile = (dir: string) => join(dir, 'circles', 'health-outcomes.yaml');
/** Sets (or replaces) `recording_url` in the circle file. */
const setRecording = (dir: string, url: string) => {
  const text = readFileSync(circleFile(dir), 'utf8').replace(/^recording_url: .*\n/m, '');
  writeFileSync(circleFile(dir), `${text}recording_url: ${url}\n`);
};

describe('circle followup', () => {
  it('refuses before the session has ended, saying when it ends, and sends nothing', async () => {
    const dir = await workspace();
    writeFileSync(circleFile(dir), readFileSync(circleFile(dir), 'utf8').replace('start: 2019-12-04T12:00', 'start: 2099-12-04T12:00'));
    const smtp = await server();
    const run = await mail(dir, smtp, ['followup', 'health-outcomes', '--recording', 'https://video.example.org/lift-3']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('health-outcomes has not ended yet: it ends 2099-12-04 13:15 GMT, so there is no recording to send');
    expect(run.stderr).toContain('circle followup health-outcomes --recording <url>` after the session');
    expect(smtp.attempts).toEqual([]);
  });

  it('sends the corrected link once to those who got the old one, and the recording to those who got none', async () => {
    const dir = await workspace();
    const smtp = await server();
    expect((await circle(['signups', 'cancel', 'health-outcomes', 'gus@example.org'], { cwd: dir })).code).toBe(0);
    const first = await mail(dir, smtp, ['followup', 'health-outcomes', '--recording', 'https://video.example.org/wrong']);
    expect(first.code).toBe(0);
    expect(smtp.received).toHaveLength(6);
    // Gus cancelled: no recording, as his cancellation mail no longer promises one.
    writeFileSync(join(dir, 'late.csv'), 'Timestamp,Email Address,Full name\n2019-10-31 09:00:00,hana@example.org,Hana Sato\n');
    expect((await circle(['signups', 'import', 'health-outcomes', 'late.csv'], { cwd: dir })).code).toBe(0);
    smtp.received.length = 0;

    const fixed = await mail(dir, smtp, ['followup', 'health-outcomes', '--recording', 'https://video.example.org/lift-3']);
    expect(fixed.code).toBe(0);
    expect(fixed.stderr).toContain('to send: 6 recording-correction, 1 recording');
    expect(to(smtp.received)).toEqual(['ana@example.org', 'ben@example.org', 'chloe@example.org', 'diego@example.org', 'emma@example.org', 'farah@example.org', 'hana@example.org']);
    const emma = byTo(smtp.received, 'emma@example.org');
    expect(emma?.mail.subject).toBe('Corrected recording link: Learning Circle #3: Improving health outcomes through open contracting');
    expect(emma?.mail.text).toContain('that we sent you earlier (https://video.example.org/wrong) was not the right one. This is the recording:\n\nhttps://video.example.org/lift-3');
    expect(byTo(smtp.received, 'ana@example.org')?.mail.text).toContain('que te enviamos antes (https://video.example.org/wrong) no era el correcto');
    expect(byTo(smtp.received, 'hana@example.org')?.mail.subject).toBe('Recording: Learning Circle #3: Improving health outcomes through open contracting');

    smtp.received.length = 0;
    const again = await mail(dir, smtp, ['followup', 'health-outcomes', '--recording', 'https://video.example.org/lift-3']);
    expect(again.stderr).toContain('health-outcomes: nothing to send');
    expect(smtp.received).toEqual([]);
  });

  it('without --recording, sends the recording_url of the circle file; a changed recording_url is corrected once', async () => {
    const dir = await workspace();
    const smtp = await server();
    setRecording(dir, 'https://video.example.org/wrong');
    const first = await mail(dir, smtp, ['followup', 'health-outcomes']);
    expect(first.code).toBe(0);
    expect(smtp.received).toHaveLength(7);
    expect(byTo(smtp.received, 'gus@example.org')?.mail.text).toContain('https://video.example.org/wrong');

    setRecording(dir, 'https://video.example.org/lift-3');
    smtp.received.length = 0;
    const fixed = await mail(dir, smtp, ['followup', 'health-outcomes']);
    expect(fixed.code).toBe(0);
    expect(fixed.stderr).toContain('to send: 7 recording-correction');
    expect(byTo(smtp.received, 'gus@example.org')?.mail.text).toContain('that we sent you earlier (https://video.example.org/wrong) was not the right one. This is the recording:\n\nhttps://video.example.org/lift-3');

    smtp.received.length = 0;
    expect((await mail(dir, smtp, ['followup', 'health-outcomes', '--recording', 'https://video.example.org/lift-3'])).stderr).toContain('health-outcomes: nothing to send');
    expect(smtp.received).toEqual([]);
  });

  it('without --recording nor recording_url, refuses naming the setting, and sends nothing', async () => {
    const dir = await workspace();
    const smtp = await server();
    const run = await mail(dir, smtp, ['followup', 'health-outcomes']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('error: health-outcomes has no recording link\n  hint: add recording_url: <link> to circles/health-outcomes.yaml once the recording is up, or give --recording <url>\n');
    expect(smtp.attempts).toEqual([]);
  });

  it('with recording_url set, still refuses before the session has ended', async () => {
    const dir = await workspace();
    writeFileSync(circleFile(dir), readFileSync(circleFile(dir), 'utf8').replace('start: 2019-12-04T12:00', 'start: 2099-12-04T12:00'));
    setRecording(dir, 'https://video.example.org/lift-3');
    const smtp = await server();
    const run = await mail(dir, smtp, ['followup', 'health-outcomes']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('health-outcomes has not ended yet: it ends 2099-12-04 13:15 GMT');
    expect(smtp.attempts).toEqual([]);
  });
});
