// `npm run test:reliability [-- --posts 1000 --clients 50 --short --only load,kill,github,github-kill,storage,multi --report file.json]`:
// load, faults and crashes against the real Node server in a child process. Scenarios: (a) posts from
// concurrent clients that resend a tenth with the same Idempotency-Key; (b) the same with the server
// SIGKILLed mid-load and restarted; (c) the GitHub store against the stand-in with conflicts, 403
// secondary limits and 502s, then with its write journal and a kill/restart; (d) a full and a read-only disk; (e) two servers on one throwaway
// PostgreSQL and the stand-in, one killed and restarted mid-load, a logout and a post limit across both (skipped,
// with the reason, where PostgreSQL is not installed). Prints the figures
// and exits 1 when a count is wrong. `--short` (200 posts, 20 clients) is the form `npm test` runs.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { scenarioGithub, scenarioGithubKill } from './lib/reliability-github.ts';
import { scenarioStorageFaults } from './lib/reliability-faults.ts';
import { scenarioMulti } from './lib/reliability-multi.ts';
import { runInterruptCleanups } from './lib/reliability-process.ts';
import { scenarioKill, scenarioLoad, type ScenarioContext, type ScenarioResult } from './lib/reliability-scenarios.ts';

const args = process.argv.slice(2);
const short = args.includes('--short');
const value = (name: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
const number = (name: string, fallback: number) => {
  const v = value(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`--${name} moet een positief geheel getal zijn, niet ${JSON.stringify(v)}`);
    process.exit(2);
  }
  return n;
};
const posts = number('posts', short ? 200 : 1000);
const clients = number('clients', short ? 20 : 50);
const SCENARIOS = ['load', 'kill', 'github', 'github-kill', 'storage', 'multi'] as const;
const only = value('only')?.split(',') ?? [...SCENARIOS];
const unknown = only.filter((s) => !(SCENARIOS as readonly string[]).includes(s));
if (unknown.length) {
  console.error(`--only kent ${unknown.join(', ')} niet; kies uit ${SCENARIOS.join(', ')}`);
  process.exit(2);
}

const root = resolve(import.meta.dirname, '..');
const distDir = resolve(process.env.PLEIN_DIST ?? join(root, 'dist'));
if (!existsSync(join(distDir, 'index.html'))) {
  console.error(`Geen gebouwde site in ${distDir} (index.html ontbreekt): bouw eerst met \`astro build\` of zet PLEIN_DIST.`);
  process.exit(2);
}
const ctx: ScenarioContext = {
  root,
  distDir,
  posts,
  clients,
  people: readdirSync(join(root, 'content/collegas')).filter((f) => f.endsWith('.yml')).map((f) => f.replace(/\.yml$/, '')),
  env: { PLEIN_SESSION_SECRET: randomBytes(36).toString('base64') },
};
const run = Date.now().toString(36);
const titles: Record<(typeof SCENARIOS)[number], string> = {
  load: `a. ${posts} berichten van ${clients} gelijktijdige clients, een tiende opnieuw verstuurd (lokale git)`,
  kill: `b. dezelfde belasting, server halverwege met SIGKILL gestopt en opnieuw gestart (lokale git)`,
  github: `c1. GitHub-opslag tegen de stand-in met conflicten, 403-limieten en 502's`,
  'github-kill': `c2. GitHub-opslag met de outbox van de statusopslag (SQLite), dezelfde fouten, server halverwege met SIGKILL gestopt en opnieuw gestart`,
  storage: `d. schijf vol en alleen-lezen repository`,
  multi: `e. twee servers op één PostgreSQL met de GitHub-opslag (gedeelde outbox) tegen de stand-in met fouten, server A halverwege met SIGKILL gestopt en opnieuw gestart; afmelden en berichtengrens over beide`,
};
const runners: Record<(typeof SCENARIOS)[number], (tag: string) => Promise<ScenarioResult>> = {
  load: (tag) => scenarioLoad(ctx, tag),
  kill: (tag) => scenarioKill(ctx, tag),
  github: (tag) => scenarioGithub(ctx, tag),
  'github-kill': (tag) => scenarioGithubKill(ctx, tag),
  storage: (tag) => scenarioStorageFaults(ctx, tag),
  multi: (tag) => scenarioMulti(ctx, tag),
};

// Interrupted: undo mounts (server children end themselves when this process goes).
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    runInterruptCleanups();
    process.exit(130);
  });
}

const report: { scenario: string; passed: boolean; skipped?: string; seconds: number; figures: Record<string, string>; problems: string[] }[] = [];
for (const name of SCENARIOS.filter((s) => only.includes(s))) {
  console.log(`\n${titles[name]}`);
  const started = performance.now();
  let result: ScenarioResult;
  try {
    result = await runners[name](`${run}${name.replace('-', '')}`);
  } catch (err) {
    result = { figures: [], problems: [`afgebroken: ${(err as Error).stack ?? err}`] };
  }
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  for (const [label, text] of result.figures) console.log(`  ${label.padEnd(22)} ${text}`);
  if (result.skipped) console.log(`  OVERGESLAGEN: ${result.skipped}`);
  else if (result.problems.length) for (const p of result.problems) console.log(`  FOUT: ${p}`);
  else console.log(`  in orde (${seconds} s)`);
  report.push({ scenario: name, passed: !result.skipped && !result.problems.length, skipped: result.skipped, seconds, figures: Object.fromEntries(result.figures), problems: result.problems });
}

const failed = report.filter((r) => !r.passed && !r.skipped).length;
const passed = report.filter((r) => r.passed).length;
console.log(`\nbetrouwbaarheid: ${passed} geslaagd, ${failed} mislukt${report.some((r) => r.skipped) ? `, ${report.filter((r) => r.skipped).length} overgeslagen` : ''}`);
const reportFile = value('report');
if (reportFile) writeFileSync(reportFile, JSON.stringify({ passed, failed, scenarios: report }, null, 2));
process.exit(failed ? 1 : 0);
