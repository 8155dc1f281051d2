/*
 * The shipped example circles (and most test workspaces) use example.org and dates in 2019, so
 * `circle validate` warns about both there. Tests about other rules set these warnings aside;
 * test/lifecycle/organiser-validate.test.ts checks them.
 */
export const isExampleWarning = (problem: { message: string }): boolean => /a domain reserved for examples|and is still scheduled$/.test(problem.message);

/** The 15 such warnings of the shipped examples: 3 in the series file, a past start, an example meeting link and sign-up link per circle. */
export const EXAMPLE_WARNINGS = 15;
