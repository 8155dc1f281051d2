import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { ROOT } from './cli.js';

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

// @sparticuz/chromium's flags are for one page per process on AWS Lambda: a single process dies
// with its first closed context, and a test browser keeps web security on.
const LAMBDA_ONLY = ['--single-process', '--disable-web-security', '--allow-running-insecure-content', '--headless'];

export interface FoundBrowser {
  path: string;
  /** Where it came from, for the test log. */
  source: string;
  args: string[];
  /** Variables the browser needs besides the test's own. */
  env: Record<string, string>;
}

/**
 * A real Chromium on any machine: CHROMIUM_PATH, else a system Chromium or Chrome, else the one
 * that @sparticuz/chromium ships inside its npm package.
 */
export async function findBrowser(env: NodeJS.ProcessEnv = process.env): Promise<FoundBrowser> {
  const wanted = env.CHROMIUM_PATH;
  if (wanted) {
    if (!existsSync(wanted)) throw new Error(`CHROMIUM_PATH=${wanted} does not exist: point it at a Chromium or Chrome binary, or unset it`);
    return { path: wanted, source: 'CHROMIUM_PATH', args: QUIET, env: {} };
  }
  const system = SYSTEM_BROWSERS.find((path) => existsSync(path));
  if (system) return { path: system, source: 'system', args: QUIET, env: {} };
  return packagedChromium();
}

/**
 * Unpacks the package's browser into node_modules/.cache (its own folder per version, not a shared
 * /tmp/chromium that another user or version may own), with the shared libraries (NSS, expat) and
 * fonts a bare machine lacks. The package unpacks those libraries only when it believes it runs on
 * Lambda, and reads both the folder and that belief from the environment, so both are set for the
 * call and put back after.
 */
async function packagedChromium(): Promise<FoundBrowser> {
  const { version } = JSON.parse(readFileSync(join(ROOT, 'node_modules/@sparticuz/chromium/package.json'), 'utf8')) as { version: string };
  const folder = join(ROOT, 'node_modules/.cache', `sparticuz-chromium-${version}`);
  mkdirSync(folder, { recursive: true });
  const names = ['TMPDIR', 'AWS_LAMBDA_JS_RUNTIME', 'LD_LIBRARY_PATH', 'FONTCONFIG_PATH', 'HOME'] as const;
  const saved = names.map((name) => [name, process.env[name]] as const);
  process.env.TMPDIR = folder;
  process.env.AWS_LAMBDA_JS_RUNTIME = 'nodejs20.x';
  try {
    const { default: packaged } = await import('@sparticuz/chromium');
    const path = await packaged.executablePath();
    const args = packaged.args.filter((arg) => !LAMBDA_ONLY.some((flag) => arg.startsWith(flag)));
    // The package's own fonts.conf names /tmp/fonts; ours names the folder the fonts were unpacked to.
    const fontconfig = join(folder, 'fontconfig');
    mkdirSync(fontconfig, { recursive: true });
    writeFileSync(join(fontconfig, 'fonts.conf'), `<?xml version="1.0"?>\n<fontconfig>\n  <dir>${join(folder, 'fonts')}</dir>\n  <cachedir>${join(fontconfig, 'cache')}</cachedir>\n</fontconfig>\n`);
    return { path, source: '@sparticuz/chromium', args: [...args, ...QUIET], env: { LD_LIBRARY_PATH: join(folder, 'al2023/lib'), FONTCONFIG_PATH: fontconfig } };
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

export async function launchBrowser(): Promise<Browser> {
  const found = await findBrowser();
  process.stderr.write(`browser: ${found.path} (${found.source})\n`);
  return chromium.launch({ executablePath: found.path, args: found.args, env: { ...process.env, ...found.env } });
}
