// `npm run bench:lighthouse [-- --json] [--runs N] [--path /tijdlijn/] [--width 360]`: Lighthouse (performance and
// accessibility) for a page of the existing build in dist/, on a phone 360 px wide (Lighthouse's mobile form factor:
// simulated slow 4G and a 4× slower CPU), served by the Node server on loopback, in the Chromium the tests use.
// With several runs the median performance run is reported. Everything it starts (server, Chromium) is stopped.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import lighthouse from 'lighthouse';
import { CHROMIUM_ARGS } from '../playwright.config.ts';
import { startServer } from '../functions/hosts/node/server.ts';

const { values } = parseArgs({ options: { json: { type: 'boolean' }, runs: { type: 'string' }, path: { type: 'string' }, width: { type: 'string' } } });
const runs = Math.min(Math.max(Number(values.runs ?? 1) || 1, 1), 9);
const path = values.path ?? '/';
const width = Number(values.width ?? 360) || 360;
/** One Lighthouse run may take this long before the bench gives up. */
const RUN_TIMEOUT_MS = 120_000;

if (!existsSync('dist/index.html')) {
  console.error('Geen gebouwde site in dist/. Draai eerst: npm run build');
  process.exit(1);
}

/** Starts headless Chromium with a debugging port on loopback; resolves with the port once it listens. */
async function launchChromium(profile: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', [
    ...CHROMIUM_ARGS, '--headless=new', '--remote-debugging-address=127.0.0.1', '--remote-debugging-port=0', `--user-data-dir=${profile}`,
    '--no-first-run', '--no-default-browser-check', 'about:blank',
  ], { stdio: 'ignore' });
  const portFile = join(profile, 'DevToolsActivePort');
  for (let waited = 0; waited < 20_000; waited += 100) {
    if (existsSync(portFile)) {
      const port = Number(readFileSync(portFile, 'utf8').split('\n')[0]);
      if (port > 0) return { child, port };
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('Chromium start niet (geen DevToolsActivePort)');
}

interface Metrics { firstContentfulPaintMs: number; largestContentfulPaintMs: number; totalBlockingTimeMs: number; cumulativeLayoutShift: number; speedIndexMs: number }
interface RunResult { performance: number; accessibility: number; metrics: Metrics; failedAudits: string[] }

async function runOnce(url: string, port: number): Promise<RunResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('Lighthouse duurde te lang')), RUN_TIMEOUT_MS); });
  const run = lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] }, {
    extends: 'lighthouse:default',
    settings: {
      formFactor: 'mobile',
      screenEmulation: { mobile: true, width, height: Math.round(width * 2.05), deviceScaleFactor: 2, disabled: false },
      // The home page polls the live feed; do not wait for a network that is never quiet longer than needed.
      maxWaitForLoad: 30_000,
    },
  });
  try {
    const result = await Promise.race([run, timeout]);
    if (!result) throw new Error('Lighthouse gaf geen resultaat');
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const metric = (id: string) => Math.round(lhr.audits[id]?.numericValue ?? Number.NaN);
    const failedAudits = lhr.categories.accessibility.auditRefs
      .filter((ref) => ref.weight > 0 && lhr.audits[ref.id]?.score !== null && (lhr.audits[ref.id]?.score ?? 1) < 1)
      .map((ref) => ref.id);
    return {
      performance: lhr.categories.performance.score ?? 0,
      accessibility: lhr.categories.accessibility.score ?? 0,
      metrics: {
        firstContentfulPaintMs: metric('first-contentful-paint'),
        largestContentfulPaintMs: metric('largest-contentful-paint'),
        totalBlockingTimeMs: metric('total-blocking-time'),
        cumulativeLayoutShift: Math.round((lhr.audits['cumulative-layout-shift']?.numericValue ?? Number.NaN) * 1000) / 1000,
        speedIndexMs: metric('speed-index'),
      },
      failedAudits,
    };
  } finally {
    clearTimeout(timer);
  }
}

const server = await startServer({ distDir: 'dist', port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const profile = mkdtempSync(join(tmpdir(), 'plein-lighthouse-'));
let chromium: ChildProcess | undefined;
const results: RunResult[] = [];
try {
  const launched = await launchChromium(profile);
  chromium = launched.child;
  for (let i = 0; i < runs; i++) results.push(await runOnce(base + path, launched.port));
} finally {
  chromium?.kill('SIGTERM');
  server.close();
  server.closeAllConnections?.();
  // Give Chromium a moment to leave its profile before removing it.
  await new Promise((r) => setTimeout(r, 300));
  rmSync(profile, { recursive: true, force: true });
}

const sorted = [...results].sort((a, b) => a.performance - b.performance);
const median = sorted[Math.floor(sorted.length / 2)];
const output = {
  path,
  width,
  runs,
  performance: median.performance,
  performanceAll: results.map((r) => r.performance),
  accessibility: Math.min(...results.map((r) => r.accessibility)),
  ...median.metrics,
  failedAccessibilityAudits: [...new Set(results.flatMap((r) => r.failedAudits))],
  // Simulated throttling still runs the page on this machine: a busy machine gives lower scores.
  load1m: Math.round(loadavg()[0] * 100) / 100,
};
if (values.json) console.log(JSON.stringify(output));
else {
  console.log(`Lighthouse ${path} op ${width} px (mobiel, ${runs} ${runs === 1 ? 'run' : 'runs'}, belasting ${output.load1m}):`);
  console.log(`  performance    ${output.performance}  (doel ≥ 0.95${runs > 1 ? `; alle runs ${output.performanceAll.join(', ')}` : ''})`);
  console.log(`  accessibility  ${output.accessibility}  (doel 1.0${output.failedAccessibilityAudits.length ? `; niet gehaald: ${output.failedAccessibilityAudits.join(', ')}` : ''})`);
  console.log(`  FCP ${output.firstContentfulPaintMs} ms, LCP ${output.largestContentfulPaintMs} ms, TBT ${output.totalBlockingTimeMs} ms, CLS ${output.cumulativeLayoutShift}, SI ${output.speedIndexMs} ms`);
}
