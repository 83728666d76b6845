// `npm run bench:build -- --items 10000 [--json]`: builds a generated organisation of N items and prints
// build time, Pagefind indexing time, peak RSS, output and index size, first/second query cost in Chromium
// (on the /zoeken page, as a colleague searches),
// and the ratio to a bare Astro build of the same Markdown pages (the floor). `--rebuild`: also the same build again
// with the cache kept (`rebuildSeconds`, `rebuildRestoredPages`), what a rebuild after a post costs.
import { chromium, type Page } from '@playwright/test';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { buildCacheDirFor } from '../src/lib/build-cache.ts';
import { generateOrganisation } from './generate-org.ts';
import { BUILD_SCRIPT } from './lib/build-command.ts';
import { folderSizeMb, measureCommand } from './lib/measure.ts';
import { startServer } from '../functions/hosts/node/server.ts';
import { startH2Front } from './lib/h2-front.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const items = Number(args[args.indexOf('--items') + 1] ?? 10000) || 10000;
const root = resolve(import.meta.dirname, '..');
const work = join(root, '.plein', `bench-${items}`);
const content = join(work, 'content');
const dist = join(work, 'dist');
const astro = join(root, 'node_modules', '.bin', 'astro');
const log = (s: string) => { if (!json) console.log(s); };

mkdirSync(work, { recursive: true });
log(`Organisatie van ${items} items genereren …`);
generateOrganisation(items, content);

// 1. Plein's own build of the generated organisation, from a cold cache.
const cacheDir = join(root, buildCacheDirFor(content));
rmSync(cacheDir, { recursive: true, force: true });
rmSync(dist, { recursive: true, force: true });
/** Plein's build of the generated organisation into `out`, measured; a failed build ends the benchmark. */
async function pleinBuild(out: string) {
  const run = await measureCommand(process.execPath, [BUILD_SCRIPT, '--outDir', out], { cwd: root, env: { ...process.env, PLEIN_CONTENT_DIR: content } });
  if (run.code !== 0) {
    console.error(run.output.slice(-3000));
    process.exit(1);
  }
  return run;
}
log('Plein bouwen …');
const build = await pleinBuild(dist);
const stats = JSON.parse(readFileSync(join(dist, 'pagefind', 'plein-index-stats.json'), 'utf8')) as { pages: number; indexedPages: number; seconds: number };
// The service worker's share of astro:build:done (icons, bundle, precache manifest).
const swStats = JSON.parse(readFileSync(join(dist, 'sw-stats.json'), 'utf8')) as { seconds?: number; precacheBytes: number; precacheFiles: number; skippedFiles: number; workerBytes: number };

// 1b. With --rebuild: the same build again with the cache kept, as the server rebuilds after a post (the incremental
// build copies what did not change, the posters). Into a folder of its own, so the figures below stay the first's.
let rebuild: { seconds: number; restoredPages: number } | undefined;
if (args.includes('--rebuild')) {
  const again = join(work, 'dist-rebuild');
  rmSync(again, { recursive: true, force: true });
  log('Plein nog eens bouwen, met de cache van de eerste build …');
  const second = await pleinBuild(again);
  rebuild = { seconds: second.seconds, restoredPages: (second.output.match(/\(restored\)/g) ?? []).length };
  rmSync(again, { recursive: true, force: true });
}

// 2. The floor: a bare Astro site of the same Markdown files, one minimal template, no components.
const floor = join(work, 'floor');
rmSync(floor, { recursive: true, force: true });
mkdirSync(join(floor, 'src', 'pages'), { recursive: true });
writeFileSync(join(floor, 'astro.config.mjs'), "export default { build: { concurrency: 4 } };\n");
writeFileSync(join(floor, 'src', 'content.config.ts'), `import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
export const collections = { pages: defineCollection({ loader: glob({ pattern: '**/*.md', base: ${JSON.stringify(content)} }) }) };
`);
writeFileSync(join(floor, 'src', 'pages', '[...id].astro'), `---
import { getCollection, render } from 'astro:content';
export async function getStaticPaths() {
  return (await getCollection('pages')).map((entry) => ({ params: { id: entry.id }, props: { entry } }));
}
const { Content } = await render(Astro.props.entry);
---
<html lang="nl"><head><meta charset="utf-8"><title>{Astro.props.entry.id}</title></head><body><Content /></body></html>
`);
log('Kale Astro-site bouwen (de ondergrens) …');
const bare = await measureCommand(astro, ['build', '--root', floor], { cwd: floor, env: { ...process.env } });
if (bare.code !== 0) {
  console.error(bare.output.slice(-3000));
  process.exit(1);
}

// 3. Search cost in Chromium over the Node server: first query (cold) and a second query, over HTTP/1.1 straight to
// the Node server, then again through a TLS + HTTP/2 front as nginx serves it in production (docs/deploy.md): over
// HTTP/1.1 Chromium opens at most six connections per host, so a query's ten result fragments take two rounds.
const server = await startServer({ distDir: dist, port: 0 });
const direct = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const front = await startH2Front(direct);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...CHROMIUM_ARGS, '--ignore-certificate-errors'] });
// A query as a colleague gets it: the /zoeken page's own search (Pagefind without its worker, the English bundle
// merged when it has pages, the first results' data), from submitting the form until the results and their
// count are on screen.
const timeQuery = (page: Page, q: string) =>
  page.evaluate(async (term) => {
    const form = document.querySelector<HTMLFormElement>('[data-search-page]')!;
    const status = document.querySelector<HTMLElement>('[data-search-status]')!;
    const field = form.querySelector<HTMLInputElement>('input[name="q"]')!;
    const started = performance.now();
    const shown = new Promise<void>((done) => {
      const watch = new MutationObserver(() => {
        if (!status.textContent?.includes(term)) return;
        watch.disconnect();
        done();
      });
      watch.observe(status, { childList: true, characterData: true, subtree: true });
    });
    field.value = term;
    form.requestSubmit();
    await shown;
    return { ms: performance.now() - started, hits: Number(/\d+/.exec(status.textContent ?? '')?.[0] ?? 0), shown: document.querySelectorAll('.search-result').length };
  }, q);
// Pagefind's defaults (its worker, the data of the first ten hits), as this benchmark measured before: queryMsRaw.
const timeRawQuery = (target: Page, q: string) =>
  target.evaluate(async (term) => {
    const started = performance.now();
    const url = '/pagefind/pagefind.js';
    const pf = await import(/* @vite-ignore */ url);
    await pf.init();
    const search = await pf.search(term);
    await Promise.all(search.results.slice(0, 10).map((r: { data(): Promise<unknown> }) => r.data()));
    return { ms: performance.now() - started, hits: search.results.length };
  }, q);
/** First visit (cold: the first query, its bytes, a second query), then a returning visitor's second query. */
async function measureSearch(base: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  let bytes = 0;
  page.on('requestfinished', async (request) => {
    if (!new URL(request.url()).pathname.startsWith('/pagefind')) return;
    const sizes = await request.sizes().catch(() => undefined);
    if (sizes) bytes += sizes.responseBodySize + sizes.responseHeadersSize;
  });
  await page.goto(`${base}/zoeken/`);
  const protocol = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).nextHopProtocol);
  const first = await timeQuery(page, 'verlof aanvragen');
  await page.waitForTimeout(300);
  const firstQueryKB = Math.round((bytes / 1024) * 10) / 10;
  const second = await timeQuery(page, 'parkeren');
  const rawPage = await context.newPage();
  await rawPage.goto(`${base}/zoeken/`);
  await timeRawQuery(rawPage, 'verlof aanvragen');
  await rawPage.waitForTimeout(300);
  const raw = await timeRawQuery(rawPage, 'parkeren');
  await rawPage.close();
  // The same two queries for a returning visitor: on the first visit the service worker installs and downloads
  // its precache (~5 MB) while the queries run; here it has finished and controls the page, which is opened again
  // (without the query the page put in its URL, which it would search at once).
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 120_000 });
  await page.goto(`${base}/zoeken/`);
  await timeQuery(page, 'verlof aanvragen');
  await page.waitForTimeout(300);
  const installed = await timeQuery(page, 'parkeren');
  await context.close();
  return { first, firstQueryKB, second, raw, installed, protocol };
}
const http1 = await measureSearch(direct);
const http2 = await measureSearch(front.origin);
await browser.close();
front.close();
server.close();
const { first, firstQueryKB, second, raw, installed } = http1;

const round1 = (seconds: number | undefined) => (seconds === undefined ? null : Math.round(seconds * 10) / 10);
const result = {
  items,
  pages: stats.pages,
  indexedPages: stats.indexedPages,
  buildSeconds: Math.round(build.seconds * 10) / 10,
  indexSeconds: Math.round(stats.seconds * 10) / 10,
  swSeconds: Math.round((swStats.seconds ?? 0) * 10) / 10,
  // What an installed Plein stores at install (the 5 MB budget) and what it leaves for runtime caching.
  precacheKB: Math.round(swStats.precacheBytes / 1024),
  precacheFiles: swStats.precacheFiles,
  precacheSkippedFiles: swStats.skippedFiles,
  serviceWorkerKB: Math.round(swStats.workerBytes / 1024),
  peakRssMB: build.peakRssMB,
  // Which processes held the peak (MB by command name: the build's Node, Pagefind's binary, esbuild).
  peakRssByProcessMB: build.peakRssByProcessMB,
  outputMB: folderSizeMb(dist),
  indexMB: folderSizeMb(join(dist, 'pagefind')),
  // With --rebuild (else null): the second build of the same content with the cache kept, and the pages it copied.
  rebuildSeconds: rebuild ? Math.round(rebuild.seconds * 10) / 10 : null,
  rebuildRestoredPages: rebuild ? rebuild.restoredPages : null,
  floorSeconds: Math.round(bare.seconds * 10) / 10,
  ratioToFloor: Math.round((build.seconds / bare.seconds) * 100) / 100,
  // CPU seconds (user + system) of the build's processes and of the floor's; and the lowest ratio to the floor the
  // build's CPU work could reach on this machine if it kept every core busy from start to end (null without /proc).
  cpuSeconds: round1(build.cpuSeconds),
  floorCpuSeconds: round1(bare.cpuSeconds),
  cpuRatioToFloor: build.cpuSeconds === undefined || !bare.cpuSeconds ? null : Math.round((build.cpuSeconds / bare.cpuSeconds) * 100) / 100,
  cores: availableParallelism(),
  minRatioToFloor: build.cpuSeconds === undefined ? null : Math.round((build.cpuSeconds / availableParallelism() / bare.seconds) * 100) / 100,
  firstQueryKB,
  firstQueryMs: Math.round(first.ms),
  queryMs: Math.round(second.ms * 10) / 10,
  queryMsInstalled: Math.round(installed.ms * 10) / 10,
  queryMsRaw: Math.round(raw.ms * 10) / 10,
  queryResultsShown: second.shown,
  hits: { first: first.hits, second: second.hits, installed: installed.hits, raw: raw.hits },
  // The same through the TLS + HTTP/2 front (nginx's place in production): protocol as Chromium reports it.
  http2: {
    protocol: http2.protocol,
    firstQueryMs: Math.round(http2.first.ms),
    queryMs: Math.round(http2.second.ms * 10) / 10,
    queryMsInstalled: Math.round(http2.installed.ms * 10) / 10,
    queryMsRaw: Math.round(http2.raw.ms * 10) / 10,
    hits: { first: http2.first.hits, second: http2.second.hits, installed: http2.installed.hits, raw: http2.raw.hits },
  },
};
if (existsSync(work) && !args.includes('--keep')) rmSync(floor, { recursive: true, force: true });

if (json) console.log(JSON.stringify(result));
else {
  console.log(`\nGegenereerde organisatie: ${items} items, ${result.pages} pagina's geïndexeerd`);
  console.log(`  volledige build + index   ${result.buildSeconds} s   (doel < 30 s)`);
  console.log(`  waarvan Pagefind          ${result.indexSeconds} s`);
  if (rebuild) console.log(`  opnieuw, met de cache     ${result.rebuildSeconds} s   (${result.rebuildRestoredPages} pagina's uit de vorige build)`);
  console.log(`  waarvan service worker    ${result.swSeconds} s`);
  console.log(`  precache                  ${result.precacheKB} kB in ${result.precacheFiles} bestanden (${result.precacheSkippedFiles} pas bij bezoek), worker ${result.serviceWorkerKB} kB`);
  console.log(`  piekgeheugen (RSS)        ${result.peakRssMB} MB   (doel < 2048 MB)`);
  console.log(`  uitvoer / index           ${result.outputMB} MB / ${result.indexMB} MB`);
  console.log(`  kale Astro (ondergrens)   ${result.floorSeconds} s   → verhouding ${result.ratioToFloor}×   (doel ≤ 1,5×)`);
  console.log(`  processortijd             ${result.cpuSeconds} s (ondergrens ${result.floorCpuSeconds} s, ${result.cpuRatioToFloor}×) → op ${result.cores} kernen minstens ${result.minRatioToFloor}×`);
  console.log(`  eerste zoekvraag          ${result.firstQueryKB} kB, ${result.firstQueryMs} ms   (doel < 300 kB)`);
  console.log(`  tweede zoekvraag          ${result.queryMs} ms   (doel < 50 ms)`);
  console.log(`  … bij een volgend bezoek  ${result.queryMsInstalled} ms   (service worker geïnstalleerd)`);
  console.log(`  … Pagefind-standaard      ${result.queryMsRaw} ms   (met zijn worker, 10 resultaten; zoals eerder gemeten)`);
  console.log(`  via TLS + HTTP/2 (${result.http2.protocol}, zoals nginx in productie): eerste ${result.http2.firstQueryMs} ms, tweede ${result.http2.queryMs} ms, volgend bezoek ${result.http2.queryMsInstalled} ms`);
}
