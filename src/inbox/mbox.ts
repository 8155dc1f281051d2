/*
 * Splitting an mbox into messages, line by line, so a mailbox of any size streams through. A
 * message starts at a `From ` line at the start of the file or after an empty line (the empty
 * line belongs to the separator). Writers escape `From ` at a line start in a body as `>From `
 * (mboxo) or add one more `>` to any `>…>From ` (mboxrd); removing one `>` undoes both, except for
 * a body line that was `>From ` in an mboxo file, which mboxo itself cannot tell apart.
 */

export interface MboxMessage {
  /** Byte offset of the message's `From ` line in the file. */
  offset: number;
  raw: Buffer;
}

/** The file is not an mbox: the only error splitting raises, so the reader can name the file. */
export class NotMbox extends Error {}

const NL = 0x0a;
const CR = 0x0d;
const GT = 0x3e;

const isFrom = (buf: Buffer, i: number) => buf[i] === 0x46 && buf[i + 1] === 0x72 && buf[i + 2] === 0x6f && buf[i + 3] === 0x6d && buf[i + 4] === 0x20;
/** The line from `start` to `end` (its line end included) is empty. */
const isBlank = (buf: Buffer, start: number, end: number) => end === start || (end === start + 1 && buf[start] === NL) || (end === start + 2 && buf[start] === CR && buf[start + 1] === NL);

/**
 * Splits by byte positions in the bytes read so far, never a Buffer per line: a mailbox of
 * newsletters has hundreds of thousands of lines, and only the messages are wanted.
 */
class Splitter {
  private buf: Buffer = Buffer.alloc(0);
  /** File offset of buf[0]. */
  private at = 0;
  /** Next line start to look at. */
  private scan = 0;
  /** Where the current message's bytes start (after its From line); -1 before the first. */
  private start = -1;
  private offset = -1;
  /** The `>` of each escaped `From ` line of the current message, dropped from its bytes. */
  private escapes: number[] = [];
  private previousBlank = true;
  /** Start of the last line of the current message, and whether it was empty (the separator's, not the message's). */
  private lastLine = -1;

  /** Adds a chunk; returns the messages it completes. */
  push(chunk: Buffer): MboxMessage[] {
    // Only what is still needed is kept: the current message, or the unfinished line before the first.
    const keep = this.start >= 0 ? this.start : this.scan;
    this.buf = Buffer.concat([this.buf.subarray(keep), chunk]);
    this.at += keep;
    this.scan -= keep;
    if (this.start >= 0) this.start -= keep;
    if (this.lastLine >= 0) this.lastLine -= keep;
    this.escapes = this.escapes.map((i) => i - keep);
    const done: MboxMessage[] = [];
    for (let nl = this.buf.indexOf(NL, this.scan); nl !== -1; nl = this.buf.indexOf(NL, this.scan)) {
      const message = this.line(this.scan, nl + 1);
      if (message) done.push(message);
      this.scan = nl + 1;
    }
    return done;
  }

  /** The rest, at the end of the file: a last line with no line end may itself start a message. */
  end(): MboxMessage[] {
    const before = this.scan < this.buf.length ? this.line(this.scan, this.buf.length) : undefined;
    this.scan = this.buf.length;
    const last = this.message(this.buf.length);
    return [before, last].filter((message): message is MboxMessage => message !== undefined);
  }

  private line(start: number, end: number): MboxMessage | undefined {
    const buf = this.buf;
    const separator = this.previousBlank && isFrom(buf, start);
    const blank = isBlank(buf, start, end);
    let done: MboxMessage | undefined;
    if (separator) {
      done = this.start >= 0 ? this.message(start) : undefined;
      this.start = end;
      this.offset = this.at + start;
      this.lastLine = -1;
    } else if (this.start < 0) {
      if (!blank) throw new NotMbox('it does not start with a "From " line');
    } else {
      let i = start;
      while (buf[i] === GT) i++;
      if (i > start && isFrom(buf, i)) this.escapes.push(start);
      this.lastLine = start;
    }
    this.previousBlank = blank;
    return done;
  }

  /** The current message, ending before `end` (its last line dropped when empty: it belongs to the separator). */
  private message(end: number): MboxMessage | undefined {
    if (this.start < 0) return undefined;
    const stop = this.lastLine >= 0 && this.previousBlank ? this.lastLine : end;
    const pieces: Buffer[] = [];
    let from = this.start;
    for (const escape of this.escapes) {
      pieces.push(this.buf.subarray(from, escape));
      from = escape + 1;
    }
    pieces.push(this.buf.subarray(from, stop));
    // Without escapes, a view of the bytes read: the reader looks at each message and lets it go.
    const message = { offset: this.offset, raw: pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces) };
    this.escapes = [];
    this.start = -1;
    return message;
  }
}

/** The messages of an mbox given as chunks of bytes (a file stream), in file order. */
export async function* splitMbox(chunks: AsyncIterable<Buffer>): AsyncGenerator<MboxMessage> {
  const splitter = new Splitter();
  for await (const chunk of chunks) yield* splitter.push(chunk);
  yield* splitter.end();
}
