// The GitHub Actions workflows cannot run here; this checks what can be checked: they are valid YAML with the
// expected triggers and jobs, every npm script and file they call exists, actions are pinned, and the cheap
// commands they run pass on the demo content.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const repo = join(import.meta.dirname, '../..');
const dir = join(repo, '.github/workflows');
const scripts = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).scripts as Record<string, string>;

interface Step { uses?: string; run?: string; with?: Record<string, unknown>; if?: string; env?: Record<string, string> }
interface Job { 'runs-on': string; needs?: string | string[]; steps: Step[]; env?: Record<string, string>; 'timeout-minutes'?: number }
interface Workflow { name: string; on: Record<string, any>; permissions: Record<string, string>; concurrency: { group: string; 'cancel-in-progress': boolean }; jobs: Record<string, Job> }

const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
// YAML 1.2 (the yaml package's default) keeps `on` a string key, as GitHub reads it.
const workflows = Object.fromEntries(files.map((f) => [f, parse(readFileSync(join(dir, f), 'utf8'), { uniqueKeys: true }) as Workflow]));
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps);
const runs = (w: Workflow) => steps(w).flatMap((s) => (s.run ? s.run.split('\n').map((l) => l.trim()).filter(Boolean) : []));

describe('GitHub Actions workflows', () => {
  it('are the pull request and deploy workflows', () => {
    expect(files).toEqual(['deploy.yml', 'pull-request.yml']);
  });

  it('pull request: install, content check, CODEOWNERS check, build, then the tests, on Node 24', () => {
    const w = workflows['pull-request.yml'];
    expect(Object.keys(w.on)).toContain('pull_request');
    const commands = runs(w);
    const order = ['npm ci --no-audit --no-fund', 'npm run check:content', 'npm run codeowners -- --check', 'npm run build', 'npm run test:unit', 'npm run test:e2e', 'npm run test:cms'];
    const positions = order.map((c) => commands.indexOf(c));
    expect(positions.every((p) => p >= 0), `missing: ${order.filter((_, i) => positions[i] < 0)}`).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(steps(w).find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version']).toBe(24);
    expect(steps(w).find((s) => s.uses?.startsWith('actions/checkout@'))?.with?.['fetch-depth']).toBe(0);
    expect(commands.some((c) => c.startsWith('npx playwright install') && c.includes('chromium'))).toBe(true);
  });

  it('pull request: builds and runs the end-to-end tests at the demo\'s pinned "now", as npm test does; deploy builds on the real clock', () => {
    const pinned = /const DEMO_BUILD_TIME = '([^']+)'/.exec(readFileSync(join(repo, 'scripts/test-all.ts'), 'utf8'))?.[1];
    expect(pinned).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const step = (w: Workflow, command: string) => steps(w).find((s) => s.run?.trim() === command);
    for (const command of ['npm run build', 'npm run test:e2e']) {
      expect(step(workflows['pull-request.yml'], command)?.env?.PLEIN_BUILD_TIME, command).toBe(pinned);
    }
    const deploy = workflows['deploy.yml'];
    expect(JSON.stringify(deploy)).not.toContain('PLEIN_BUILD_TIME');
  });

  it('deploy: on a push to main, daily and by hand; build, the dist/ artifact, and Cloudflare Pages when configured', () => {
    const w = workflows['deploy.yml'];
    expect(w.on.push.branches).toEqual(['main']);
    expect(Object.keys(w.on)).toEqual(expect.arrayContaining(['schedule', 'workflow_dispatch']));
    const [cron] = w.on.schedule.map((s: { cron: string }) => s.cron);
    expect(cron.split(' ')).toHaveLength(5);
    expect(cron).toMatch(/^\d+ \d+ \* \* \*$/); // once a day
    expect(Object.keys(w.jobs)).toEqual(['build', 'cloudflare']);
    const upload = w.jobs.build.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
    expect(upload.with).toMatchObject({ path: 'dist/', 'if-no-files-found': 'error' });
    const cf = w.jobs.cloudflare;
    expect(cf.needs).toBe('build');
    expect(cf.env).toMatchObject({ CLOUDFLARE_API_TOKEN: '${{ secrets.CLOUDFLARE_API_TOKEN }}', CLOUDFLARE_ACCOUNT_ID: '${{ secrets.CLOUDFLARE_ACCOUNT_ID }}' });
    const deploy = cf.steps.find((s) => s.run?.includes('wrangler'))!;
    expect(deploy.run).toMatch(/^npx --yes wrangler@\d+ pages deploy dist --project-name "\$PROJECT_NAME"/);
    // The Function's colleagues module is generated (gitignored) before wrangler bundles functions/.
    const people = cf.steps.findIndex((s) => s.run === 'npm run build:functions');
    expect(people).toBeGreaterThan(0);
    expect(people).toBeLessThan(cf.steps.indexOf(deploy));
    // Without the secrets every step after the check is skipped, so the job passes and the artifact remains.
    expect(cf.steps.slice(1).every((s) => s.if === "steps.config.outputs.configured == 'true'")).toBe(true);
    expect(runs(w)).toEqual(expect.arrayContaining(['npm run check:content', 'npm run build']));
  });

  it('ask for read access only and run one at a time per branch or pull request', () => {
    for (const [file, w] of Object.entries(workflows)) {
      expect(w.permissions, file).toEqual({ contents: 'read' });
      expect(w.concurrency.group, file).toMatch(/\$\{\{ github\.(event\.pull_request\.number|ref)/);
      for (const job of Object.values(w.jobs)) expect(job['timeout-minutes'], file).toBeGreaterThan(0);
    }
    expect(workflows['deploy.yml'].concurrency['cancel-in-progress']).toBe(false);
  });

  it('pin every action to a major version or a commit sha', () => {
    const uses = Object.values(workflows).flatMap((w) => steps(w).flatMap((s) => (s.uses ? [s.uses] : [])));
    expect(uses.length).toBeGreaterThan(0);
    for (const u of uses) expect(u).toMatch(/^[\w.-]+\/[\w.-]+@(v\d+|[0-9a-f]{40})$/);
  });

  it('call only npm scripts and files that exist', () => {
    for (const [file, w] of Object.entries(workflows)) {
      for (const command of runs(w)) {
        for (const [, name] of command.matchAll(/npm run ([\w:.-]+)/g)) expect(scripts[name], `${file}: npm run ${name}`).toBeDefined();
        for (const [path] of command.matchAll(/(?:^|\s)\.?\/?((?:scripts|\.ci|tests)\/[\w./-]+)/g)) expect(existsSync(join(repo, path.trim())), `${file}: ${path}`).toBe(true);
      }
    }
    // And the files those npm scripts run.
    for (const name of new Set(Object.values(workflows).flatMap((w) => runs(w).flatMap((c) => [...c.matchAll(/npm run ([\w:.-]+)/g)].map((m) => m[1]))))) {
      for (const [, path] of scripts[name].matchAll(/node (\S+\.ts)/g)) expect(existsSync(join(repo, path)), `${name}: ${path}`).toBe(true);
    }
  });

  it('run the cheap commands they call successfully here: the content check and the CODEOWNERS check', () => {
    const cheap = ['npm run check:content', 'npm run codeowners -- --check'];
    const called = Object.values(workflows).flatMap(runs);
    for (const command of cheap) {
      expect(called).toContain(command);
      const run = spawnSync('sh', ['-c', command], {
        cwd: repo,
        encoding: 'utf8',
        env: { ...process.env, GITHUB_ACTIONS: 'true', PATH: `${join(repo, 'node_modules/.bin')}:${process.env.PATH}` },
      });
      expect(run.status, `${command}\n${run.stdout}${run.stderr}`).toBe(0);
      expect(run.stdout).not.toMatch(/^::error /m);
    }
  });
});
