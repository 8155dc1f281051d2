import type { AddressInfo, Server, Socket } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received {
  from: string;
  to: string[];
  raw: Buffer;
  mail: ParsedMail;
}

/** What the server does with one message: take it, answer with a code, or hang up after the body. */
export type Verdict = 'accept' | 'drop' | { code: number; message: string };

export interface TestSmtp {
  port: number;
  url: string;
  received: Received[];
  /** Messages the server read to the end, including those it then refused or hung up on. */
  attempts: Array<{ to: string[]; verdict: Verdict }>;
  close(): Promise<void>;
}

export const SMTP_USER = 'circles';
export const SMTP_PASS = 'p@ss w0rd:secret';

/**
 * A real SMTP server on 127.0.0.1 (or `host`) that the test starts and stops. `verdict` decides per message
 * (by recipient and how many messages it has read so far).
 */
export async function startSmtp(options: { port?: number; host?: string; verdict?: (to: string, count: number) => Verdict; tls?: { key: string; cert: string } } = {}): Promise<TestSmtp> {
  const received: Received[] = [];
  const attempts: TestSmtp['attempts'] = [];
  const server = new SMTPServer({
    ...(options.tls ? { secure: true, key: options.tls.key, cert: options.tls.cert } : {}),
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      callback();
    },
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASS) return callback(null, { user: auth.username });
      return callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        const verdict = options.verdict?.(to[0] ?? '', attempts.length) ?? 'accept';
        attempts.push({ to, verdict });
        if (verdict === 'drop') {
          // smtp-server has no API to hang up on a session; its connection list is the way in.
          for (const connection of connections()) if (connection.session?.id === session.id) connection._socket.destroy();
          return;
        }
        if (verdict !== 'accept') return callback(Object.assign(new Error(verdict.message), { responseCode: verdict.code }));
        const raw = Buffer.concat(chunks);
        void simpleParser(raw).then((mail) => {
          received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to, raw, mail });
          callback();
        });
      });
    },
  });
  server.on('error', () => undefined);
  const connections = () => (server as unknown as { connections: Set<{ session?: { id: string }; _socket: Socket }> }).connections;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const port = ((server as unknown as { server: Server }).server.address() as AddressInfo).port;
  return {
    port,
    url: `${options.tls ? 'smtps' : 'smtp'}://${encodeURIComponent(SMTP_USER)}:${encodeURIComponent(SMTP_PASS)}@${host.includes(':') ? `[${host}]` : host}:${port}`,
    received,
    attempts,
    close: () =>
      new Promise<void>((resolve) => {
        for (const connection of connections()) connection._socket.destroy();
        server.close(() => resolve());
      }),
  };
}
