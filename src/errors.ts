/** Exit codes, documented in the README. */
export const EXIT = { ok: 0, invalid: 1, usage: 2, cancelled: 130 } as const;

/**
 * An error the user can fix: it carries the exit code and a hint.
 * Anything else that reaches the top level is a bug and shows a stack only under DEBUG.
 */
export class CircleError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.invalid,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'CircleError';
  }
}

export const usageError = (message: string, hint?: string) => new CircleError(message, EXIT.usage, hint);
export const inputError = (message: string, hint?: string) => new CircleError(message, EXIT.invalid, hint);

/** Ctrl-C at a prompt: inquirer rejects with ExitPromptError, which ends the run quietly with 130. */
export const isCancelled = (cause: unknown): boolean => cause instanceof Error && cause.name === 'ExitPromptError';
