/*
 * Every question the tool asks goes through here, on stderr so stdout stays for results.
 * Ctrl-C makes inquirer reject with ExitPromptError, which the top level turns into a quiet exit 130.
 */
type Check = (value: string) => true | string;

const context = { input: process.stdin, output: process.stderr, clearPromptOnDone: false };

export async function ask(message: string, options: { default?: string; validate?: Check } = {}): Promise<string> {
  const { input } = await import('@inquirer/prompts');
  const answer = await input({ message, ...(options.default !== undefined ? { default: options.default } : {}), ...(options.validate ? { validate: options.validate } : {}) }, context);
  return answer.trim();
}

export async function askYesNo(message: string, defaultValue: boolean): Promise<boolean> {
  const { confirm } = await import('@inquirer/prompts');
  return confirm({ message, default: defaultValue }, context);
}

export async function choose<T extends string>(message: string, choices: Array<{ value: T; name: string }>, defaultValue?: T): Promise<T> {
  const { select } = await import('@inquirer/prompts');
  return select({ message, choices, ...(defaultValue !== undefined ? { default: defaultValue } : {}) }, context);
}

/** Asks until an empty answer; each item is checked as it is given. */
export async function askList(message: string, validate?: Check): Promise<string[]> {
  const items: string[] = [];
  for (;;) {
    const item = await ask(`${message} (${items.length ? 'another, or ' : ''}empty to finish)`, validate ? { validate: (v) => (v.trim() === '' ? true : validate(v)) } : {});
    if (item === '') return items;
    items.push(item);
  }
}
