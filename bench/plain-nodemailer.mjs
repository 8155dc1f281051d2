// The baseline of the mail benchmark: plain nodemailer sending the same messages (subject, text,
// HTML, addresses: read from the JSON the benchmark made of `--preview`'s .eml files) over a pooled
// connection, all queued at once, nodemailer composing each message as it would for any script.
import { readFileSync } from 'node:fs';
import { createTransport } from 'nodemailer';

const [file, port] = process.argv.slice(2);
const messages = JSON.parse(readFileSync(file, 'utf8'));
const transport = createTransport({ pool: true, host: '127.0.0.1', port: Number(port), secure: false, ignoreTLS: true, maxConnections: 5, maxMessages: 100 });
await Promise.all(messages.map((message) => transport.sendMail(message)));
transport.close();
