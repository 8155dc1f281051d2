import { spawn, type IPty } from '@lydell/node-pty';
import { BIN } from './cli.js';

// Inquirer redraws its prompts with escape sequences; compare the text a person reads.
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-B]|\x1b[=>]/g;

/** The built CLI on a real pseudo-terminal, driven like a person at the keyboard. */
export class Terminal {
  private readonly pty: IPty;
  private output = '';
  /** Everything the program wrote, escape sequences included. */
  raw = '';
  private seen = 0;
  readonly exited: Promise<number>;

  constructor(args: string[], cwd: string, env: Record<string, string | undefined> = { NO_COLOR: '1' }) {
    const environment: Record<string, string | undefined> = { ...process.env, FORCE_COLOR: undefined, ...env };
    for (const [key, value] of Object.entries(environment)) if (value === undefined) delete environment[key];
    this.pty = spawn(process.execPath, [BIN, ...args], {
      cwd,
      cols: 200,
      rows: 50,
      env: environment as Record<string, string>,
    });
    this.pty.onData((data) => {
      this.raw += data;
      this.output += data.replace(ANSI, '');
    });
    this.exited = new Promise((resolve) => this.pty.onExit(({ exitCode }) => resolve(exitCode)));
  }

  /** Waits until `text` appears after everything already waited for. */
  async waitFor(text: string, timeoutMs = 10_000): Promise<void> {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      const index = this.output.indexOf(text, this.seen);
      if (index >= 0) {
        this.seen = index + text.length;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`timed out waiting for ${JSON.stringify(text)}; screen so far:\n${this.output.slice(-2000)}`);
  }

  /**
   * Waits for a validation message and for the prompt to take keys again: inquirer draws the
   * message once while it is still checking (keys are dropped then) and once when it is ready.
   */
  async waitForRejection(message: string): Promise<void> {
    await this.waitFor(message);
    await this.waitFor(message);
  }

  /** Answers the prompt `prompt` once it shows: types the text, then Enter. */
  async answer(prompt: string, text: string): Promise<void> {
    await this.waitFor(prompt);
    this.type(`${text}\r`);
  }

  type(keys: string): void {
    this.pty.write(keys);
  }

  get screen(): string {
    return this.output;
  }
}
