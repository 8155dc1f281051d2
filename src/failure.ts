/*
 * How domain code says no. A rule returns a Result: the value, or a Failure saying what is wrong
 * and how to fix it. Code at the edge (reading files, holding locks), deep in a call chain, throws
 * Refused instead. Only the command layer turns either into an exit code; domain code knows none.
 */

/** `usage`: the command line asks for something that cannot be (exit 2); `input`: the files or data are wrong (exit 1). */
export type FailureKind = 'usage' | 'input';

export interface Failure {
  readonly kind: FailureKind;
  readonly message: string;
  readonly hint?: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: Failure };

export const success = <T>(value: T): Result<T> => ({ ok: true, value });
export const failure = (kind: FailureKind, message: string, hint?: string): { readonly ok: false; readonly failure: Failure } => ({
  ok: false,
  failure: { kind, message, ...(hint !== undefined ? { hint } : {}) },
});

/** A Failure thrown from the edge. */
export class Refused extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
    this.name = 'Refused';
  }
}

export const refused = (kind: FailureKind, message: string, hint?: string): Refused => new Refused(failure(kind, message, hint).failure);

/** The value of a Result, or its Failure thrown for the command layer to report. */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Refused(result.failure);
  return result.value;
}
