// `npm run bench:pages [-- --json]`: compressed transfer size (HTML+CSS+JS, no images) of
// the home page, a news article and a knowledge page, measured in Chromium over the Node server.
import { chromium } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { startServer } from '../functions/hosts/node/server.ts';

const json = process.argv.includes('--json');
const TARGET_KB = 60;
if (!existsSync('dist/index.html')) {
  console.error('Geen gebouwde site in dist/. Draai eerst: npm run build');
  process.exit(1);
}
const server = await startServer({ distDir: 'dist', port: 0 });
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });

async function firstLink(path: string, selector: string): Promise<string> {
  const page = await browser.newPage();
  await page.goto(base + path);
  const href = await page.locator(selector).first().getAttribute('href');
  await page.close();
  if (!href) throw new Error(`geen link ${selector} op ${path}`);
  return href;
}

/** Loads a page with an empty cache and sums the encoded bytes of everything but images. */
async function measure(path: string): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const sizes: Promise<number>[] = [];
  page.on('requestfinished', (request) => {
    // Images are left out by definition; /api/ calls (who am I, the live feed) are data, not page weight.
    if (['image', 'media', 'font'].includes(request.resourceType()) || new URL(request.url()).pathname.startsWith('/api/')) return;
    sizes.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize));
  });
  // The live feed polls every second, so the network never goes idle: wait for load and a moment more.
  await page.goto(base + path, { waitUntil: 'load' });
  await page.waitForTimeout(500);
  const total = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
  await context.close();
  return Math.round((total / 1024) * 10) / 10;
}

const paths = {
  home: '/',
  news: await firstLink('/nieuws/', '.news-card a'),
  knowledge: await firstLink('/weten-en-regelen/', 'section[aria-labelledby^="letter-"] a'),
};
const pages: Record<string, number> = {};
for (const path of Object.values(paths)) pages[path] = await measure(path);
await browser.close();
server.close();

// The service worker's figures, written by the build (src/integrations/service-worker.ts): what it stores at install.
const sw = existsSync('dist/sw-stats.json') ? (JSON.parse(readFileSync('dist/sw-stats.json', 'utf8')) as { precacheBytes: number; workerBytes: number; precacheFiles: number; skippedFiles: number }) : undefined;
const toKB = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const precacheKB = sw ? toKB(sw.precacheBytes) : null;
const serviceWorkerKB = sw ? toKB(sw.workerBytes) : null;

if (json) {
  console.log(JSON.stringify({ pages, precacheKB, serviceWorkerKB }));
} else {
  console.log(`Overdracht per pagina (gecomprimeerd, HTML+CSS+JS, zonder afbeeldingen; doel < ${TARGET_KB} kB):`);
  for (const [path, kb] of Object.entries(pages)) console.log(`  ${kb.toFixed(1).padStart(6)} kB  ${kb < TARGET_KB ? 'ok ' : 'TE GROOT'}  ${path}`);
  if (sw) console.log(`Service worker: ${serviceWorkerKB} kB; precache ${precacheKB} kB in ${sw.precacheFiles} bestanden (${sw.skippedFiles} pas bij bezoek)`);
}
