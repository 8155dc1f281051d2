import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HtmlValidate } from 'html-validate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser, launchBrowser } from '../helpers/browser.js';
import { exampleWorkspace, runCli } from '../helpers/cli.js';
import { editedWorkspace } from '../announce/render.js';

/*
 * The HTML announcement as a reader sees it: a real Chromium (the machine's own, or the one an npm
 * package ships), headless, at a phone's size. Never skipped.
 */

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

function announcement(dir: string, args: string[]): string {
  const file = join(dir, 'announcement.html');
  const result = runCli(['announce', '--format', 'html', '--out', file, ...args], { cwd: dir });
  expect(result.code).toBe(0);
  return file;
}

async function open(file: string): Promise<Page> {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(pathToFileURL(file).href);
  return page;
}

describe('the HTML announcement in headless Chromium', () => {
  it('reads as a Spanish announcement, with the dates, zones, people and sign-up links a reader needs', async () => {
    const page = await open(announcement(exampleWorkspace(), ['--lang', 'es', '--tz', 'America/Bogota,Pacific/Auckland']));
    expect(await page.title()).toBe('Presentamos Lift Learning Circles: 4 círculos de aprendizaje, 6 de noviembre\u2009–\u200916 de diciembre de 2019');
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    const text = await page.locator('body').innerText();
    expect(text).toMatch(/^Presentamos Lift Learning Circles/);
    expect(text).toContain('El camino hacia la contratación abierta puede ser largo y complejo');
    const third = await page.locator('#circle-3').innerText();
    expect(third.split('\n').filter(Boolean)).toEqual([
      'Círculo de aprendizaje n.º 3',
      'Mejores resultados en salud gracias a la contratación abierta',
      expect.stringMatching(/^Según la OMS, el vínculo entre mejores resultados en salud/),
      'Fecha y hora',
      'miércoles, 4 de diciembre de 2019, 12:00–13:15 GMT',
      '7:00–8:15 hora estándar de Colombia (GMT-5)',
      'jueves, 5 de diciembre, 1:00–2:15 hora de verano de Nueva Zelanda (GMT+13)',
      'Modera',
      'Viktor Nestulia (Open Contracting Partnership)',
      'Abren la conversación',
      'Tom Wright (OC4Health team, Transparency International) y Tambudzai Matenga (OC4Health team, Transparency International)',
      'Idioma',
      'inglés',
      'Dónde',
      'en línea',
      'Plazas',
      'solo 20, ¡inscríbete cuanto antes!',
      'Grabación',
      'sí; si no consigues plaza, podrás verla más tarde',
      'Inscríbete en el círculo de aprendizaje n.º 3',
    ]);
    const signups = await page.getByRole('link', { name: /^Inscríbete en el círculo de aprendizaje n\.º \d$/ }).evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    expect(signups).toEqual([1, 2, 3, 4].map((n) => `https://forms.example.org/lift-${n}`));
    expect(await page.getByRole('link', { name: 'suscríbete a la lista de correo' }).getAttribute('href')).toBe('https://lists.example.org/lift');
    const html = await page.content();
    expect(html).not.toContain('meet.example.org');
    await page.context().close();
  });

  it('fits a phone screen: no sideways scrolling, readable text, sign-up buttons big enough to tap', async () => {
    // A long word (a hashtag, a file name) in a title must wrap rather than push the page sideways.
    const word = `OpenContractingDataStandardFieldLevelMappingTemplate_v1.1_${'x'.repeat(30)}`;
    const dir = editedWorkspace({ 'ocds-field-mapping.yaml': (text) => text.replace('title: Map your existing system to the OCDS', `title: Map ${word}`) });
    const page = await open(announcement(dir, ['--tz', 'America/Argentina/Buenos_Aires,Pacific/Kiritimati']));
    const layout = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      width: window.innerWidth,
      fontSize: parseFloat(getComputedStyle(document.body).fontSize),
      viewport: document.querySelector('meta[name=viewport]')?.getAttribute('content'),
      buttons: [...document.querySelectorAll('a.signup')].map((a) => a.getBoundingClientRect().height),
    }));
    expect(layout.width).toBe(390);
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.width);
    expect(layout.fontSize).toBeGreaterThanOrEqual(16);
    expect(layout.viewport).toBe('width=device-width, initial-scale=1');
    expect(layout.buttons).toHaveLength(4);
    for (const height of layout.buttons) expect(height).toBeGreaterThanOrEqual(40);
    await page.context().close();
  });

  it('shows markup from a circle file as text and runs none of it', async () => {
    const title = 'Budgets <script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">';
    const dir = editedWorkspace({ 'health-outcomes.yaml': (text) => text.replace('title: Improving health outcomes through open contracting', `title: '${title}'`) });
    const page = await open(announcement(dir, ['health-outcomes']));
    expect(await page.locator('h2').innerText()).toBe(`Learning Circle #3\n${title}`);
    expect(await page.title()).toBe(`Reminder: ${title} (Wednesday, 4 December 2019)`);
    expect(await page.evaluate(() => ({ pwned: (window as { pwned?: number }).pwned, scripts: document.scripts.length, images: document.images.length }))).toEqual({
      pwned: undefined,
      scripts: 0,
      images: 0,
    });
    await page.context().close();
  });
});

describe('the HTML announcement is a valid, complete page', () => {
  // Subject lines are as long as the circle titles make them; the rule is for search-engine snippets.
  const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'long-title': 'off' } });

  it.each(['en', 'es'])('%s: passes html-validate, series and reminder, cancelled circle included', async (lang) => {
    const dir = editedWorkspace({ 'supplier-engagement.yaml': (text) => text.replace('status: scheduled', 'status: cancelled') });
    for (const ids of [[], ['health-outcomes']]) {
      const html = readFileSync(announcement(dir, ['--lang', lang, '--tz', 'Asia/Manila', ...ids]), 'utf8');
      const report = await validator.validateString(html);
      expect(report.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`))).toEqual([]);
      expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="(en|es)">\n<head>\n {2}<meta charset="utf-8">\n/);
      expect(html).toMatch(/<\/body>\n<\/html>\n$/);
    }
  });
});

describe('the browser the tests use', () => {
  it('is CHROMIUM_PATH when set, and a CHROMIUM_PATH that does not exist is an error, not a silent fallback', async () => {
    const chosen = await findBrowser({ CHROMIUM_PATH: process.execPath });
    expect([chosen.path, chosen.source]).toEqual([process.execPath, 'CHROMIUM_PATH']);
    await expect(findBrowser({ CHROMIUM_PATH: '/nonexistent/chromium' })).rejects.toThrow('CHROMIUM_PATH=/nonexistent/chromium does not exist');
  });
});
