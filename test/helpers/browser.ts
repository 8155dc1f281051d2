import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Where a machine keeps its own Chromium or Chrome, in the order they are tried. */
const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

// Without these, Chromium keeps trying to reach Google's hosts, and a closed network refuses it.
const QUIET = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const UNWANTED = ['--single-process', '--disable-web-security', '--allow-running-insecure-content', '--headless'];

export interface FoundBrowser {
  path: string;
  /** Where it came from, for the test log. */
  source: string;
  args: string[];
}

/**
 * A real Chromium on any machine: CHROMIUM_PATH, else a system Chromium or Chrome, else the one
 * that @sparticuz/chromium ships inside its npm package (unpacked to the temp folder on first use).
 */
export async function findBrowser(env: NodeJS.ProcessEnv = process.env): Promise<FoundBrowser> {
  const wanted = env.CHROMIUM_PATH;
  if (wanted) {
    if (!existsSync(wanted)) throw new Error(`CHROMIUM_PATH=${wanted} does not exist: point it at a Chromium or Chrome binary, or unset it`);
    return { path: wanted, source: 'CHROMIUM_PATH', args: QUIET };
  }
  const system = SYSTEM_BROWSERS.find((path) => existsSync(path));
  if (system) return { path: system, source: 'system', args: QUIET };
  const { default: packaged } = await import('@sparticuz/chromium');
  // Its flags are for one page per process on AWS Lambda: a single process dies with its first
  // closed context, and a test browser keeps web security on.
  const args = packaged.args.filter((arg) => !UNWANTED.some((flag) => arg.startsWith(flag)));
  return { path: await packaged.executablePath(), source: '@sparticuz/chromium', args: [...args, ...QUIET] };
}

export async function launchBrowser(): Promise<Browser> {
  const found = await findBrowser();
  process.stderr.write(`browser: ${found.path} (${found.source})\n`);
  return chromium.launch({ executablePath: found.path, args: found.args });
}
