import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type AddressInfo } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/*
 * A real Dovecot on 127.0.0.1 with a throwaway configuration, mail folder and user in a temp folder:
 * IMAP without TLS on one port, IMAPS with the test certificate on another. Messages go in with
 * IMAP APPEND, as a mail server would put them there.
 */

export const DOVECOT = '/usr/sbin/dovecot';
export const IMAP_USER = 'circles@example.org';
// No colon: it separates the fields of Dovecot's passwd-file.
export const IMAP_PASS = 'p@ss w0rd/secret?1';

const underCi = Boolean(process.env.CI) && process.env.CI !== 'false';
/** Why the IMAP tests cannot run here (the title of their skipped suite); under CI nothing is skipped: a missing Dovecot fails them. */
export const imapSkipReason =
  existsSync(DOVECOT) || underCi ? undefined : `skipped: Dovecot is not installed (${DOVECOT}); install the Debian package dovecot-imapd to run the IMAP tests`;
// vitest's summary shows a skipped file without its suite's title: the reason goes to stderr as one line.
if (imapSkipReason) process.stderr.write(`${imapSkipReason}\n`);

const TLS = new URL('../fixtures/tls/', import.meta.url).pathname;

export interface TestDovecot {
  port: number;
  tlsPort: number;
  /** imap:// to the plain port with the test user, for CIRCLE_IMAP_URL; `mailbox` is the path after the host. */
  url(options?: { mailbox?: string; pass?: string | null; tls?: boolean }): string;
  /** A client logged in as the test user, for putting mail in and looking at it apart from the code under test. */
  client(): Promise<ImapFlow>;
  /** Appends to the mailbox, creating it first when it is not there. */
  append(raw: string | Buffer, mailbox?: string, flags?: string[]): Promise<void>;
  create(mailbox: string): Promise<void>;
  /** Flags by UID, oldest first; not \Recent, which only says which session saw a message first. */
  flags(mailbox?: string): Promise<Array<{ uid: number; flags: string[] }>>;
  /** What `doveadm mailbox update --uid-validity` does when a server rebuilds a mailbox's index. */
  setUidValidity(mailbox: string, value: number): void;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const answer = (yes: boolean) => {
      socket.destroy();
      resolve(yes);
    };
    socket.once('connect', () => answer(true)).once('error', () => answer(false));
    socket.setTimeout(1000, () => answer(false));
  });

const running = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(what: string, check: () => boolean | Promise<boolean>, log: string): Promise<void> {
  for (let tries = 0; tries < 200; tries++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Dovecot: ${what}\n${existsSync(log) ? readFileSync(log, 'utf8') : '(no log)'}`);
}

function config(dir: string, port: number, tlsPort: number): string {
  const root = process.getuid?.() === 0;
  const me = userInfo().username;
  const group = root ? '' : execFileSync('id', ['-gn'], { encoding: 'utf8' }).trim();
  // As root Dovecot refuses uid 0 for mail, so mail belongs to nobody; as anyone else it all runs as that user.
  const mailUser = root ? 'uid=nobody gid=nogroup' : `uid=${userInfo().uid} gid=${userInfo().gid}`;
  return `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <${TLS}cert.pem
ssl_key = <${TLS}key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
# Failed logins are tested on purpose: no delay in answering them.
auth_failure_delay = 0
mail_location = maildir:${dir}/mail/%u
${root ? '' : `default_login_user = ${me}\ndefault_internal_user = ${me}\ndefault_internal_group = ${group}\n`}
passdb {
  driver = passwd-file
  args = scheme=PLAIN ${dir}/users
}
userdb {
  driver = static
  args = ${mailUser} home=${dir}/mail/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = ${tlsPort}
    ssl = yes
  }
}
service anvil {
  chroot =
}
`;
}

export async function startDovecot(): Promise<TestDovecot> {
  if (!existsSync(DOVECOT)) throw new Error(`Dovecot is not installed (${DOVECOT}) but CI is set: install the Debian package dovecot-imapd (.ci/run does)`);
  const dir = mkdtempSync(join(tmpdir(), 'circle-dovecot-'));
  const [port, tlsPort] = [await freePort(), await freePort()];
  // Dovecot's auth and mail processes run as other users (dovecot, nobody) and must get into the folder.
  chmodSync(dir, 0o711);
  const file = join(dir, 'dovecot.conf');
  const log = join(dir, 'dovecot.log');
  writeFileSync(file, config(dir, port, tlsPort));
  writeFileSync(join(dir, 'users'), `${IMAP_USER}:{PLAIN}${IMAP_PASS}\n`);
  mkdirSync(join(dir, 'mail'));
  // nobody:nogroup, as the userdb above says.
  if (process.getuid?.() === 0) chownSync(join(dir, 'mail'), 65534, 65534);
  // The master forks into the background; with its output on pipes the wait would not end, so it goes to a file.
  const output = openSync(join(dir, 'start.log'), 'w');
  try {
    execFileSync(DOVECOT, ['-c', file], { stdio: ['ignore', output, output] });
  } catch {
    const said = readFileSync(join(dir, 'start.log'), 'utf8');
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`Dovecot did not start: ${said}`);
  } finally {
    closeSync(output);
  }
  const pidFile = join(dir, 'run', 'master.pid');
  await until('did not start', async () => existsSync(pidFile) && (await accepts(port)) && (await accepts(tlsPort)), log).catch((error: unknown) => {
    if (existsSync(pidFile)) process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGTERM');
    throw error;
  });
  const pid = Number(readFileSync(pidFile, 'utf8'));

  const client = async () => {
    const imap = new ImapFlow({ host: '127.0.0.1', port, secure: false, doSTARTTLS: false, auth: { user: IMAP_USER, pass: IMAP_PASS }, logger: false, disableAutoIdle: true });
    await imap.connect();
    return imap;
  };
  const using = async <T>(work: (imap: ImapFlow) => Promise<T>): Promise<T> => {
    const imap = await client();
    try {
      return await work(imap);
    } finally {
      await imap.logout();
    }
  };
  return {
    port,
    tlsPort,
    url: ({ mailbox = 'INBOX', pass = IMAP_PASS, tls = false } = {}) =>
      `${tls ? 'imaps' : 'imap'}://${encodeURIComponent(IMAP_USER)}${pass === null ? '' : `:${encodeURIComponent(pass)}`}@127.0.0.1:${tls ? tlsPort : port}/${encodeURIComponent(mailbox)}`,
    client,
    append: (raw, mailbox = 'INBOX', flags = []) =>
      using(async (imap) => {
        if (!(await imap.list()).some((box) => box.path === mailbox)) await imap.mailboxCreate(mailbox);
        await imap.append(mailbox, raw, flags);
      }),
    create: (mailbox) => using(async (imap) => void (await imap.mailboxCreate(mailbox))),
    flags: (mailbox = 'INBOX') =>
      using(async (imap) => {
        await imap.mailboxOpen(mailbox, { readOnly: true });
        const messages = await imap.fetchAll('1:*', { uid: true, flags: true });
        return messages.map((message) => ({ uid: message.uid, flags: [...(message.flags ?? [])].filter((flag) => flag !== '\\Recent').sort() }));
      }),
    setUidValidity: (mailbox, value) => {
      execFileSync('/usr/bin/doveadm', ['-c', file, 'mailbox', 'update', '-u', IMAP_USER, '--uid-validity', String(value), mailbox], { stdio: 'ignore' });
    },
    close: async () => {
      process.kill(pid, 'SIGTERM');
      await until('did not stop', () => !running(pid), log);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A message as a mail client would write it, from fictional people at example.org. */
export function message(subject: string, id: string, from = 'ada.lovelace@example.org'): string {
  return [
    `From: ${from}`,
    'To: circles@example.org',
    `Subject: ${subject}`,
    `Message-ID: <${id}@example.org>`,
    'Date: Thu, 03 Dec 2026 10:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `${subject}.`,
    '',
  ].join('\r\n');
}

/** The Dovecot a test file shares, and the mailbox of the test running (a fresh one for each test: `<prefix><n>`). */
export interface SharedDovecot {
  readonly dovecot: TestDovecot;
  mailbox: string;
}

/** Starts one Dovecot for the test file (unless the IMAP tests are skipped here) and gives each test a mailbox of its own. */
export function sharedDovecot(prefix: string): SharedDovecot {
  let dovecot: TestDovecot | undefined;
  let count = 0;
  const shared = {
    get dovecot(): TestDovecot {
      if (!dovecot) throw new Error('Dovecot is not running: the IMAP tests are skipped here');
      return dovecot;
    },
    mailbox: '',
  };
  beforeAll(async () => {
    if (!imapSkipReason) dovecot = await startDovecot();
  });
  afterAll(async () => dovecot?.close());
  beforeEach(() => {
    shared.mailbox = `${prefix}${++count}`;
  });
  return shared;
}
