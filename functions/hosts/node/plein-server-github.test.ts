import { mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startGithubStandin, type GithubStandin } from '../../../tests/support/github-standin/server.ts';
import type { GithubStore } from '../../store/github/github-store.ts';
import { loginDemo } from '../../../scripts/lib/bench-client.ts';
import { startPleinServer } from './plein-server.ts';

const root = resolve(import.meta.dirname, '../../..');
const TOKEN = 'ghp_pleinserver0123456789';
const servers: Server[] = [];
const standins: GithubStandin[] = [];
const stores: GithubStore[] = [];
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  for (const s of servers) s.close();
  await Promise.all(standins.map((s) => s.close()));
});

/** A folder with a page to serve (the tests use the API only). */
function siteDir() {
  const dir = mkdtempSync(join(tmpdir(), 'plein-site-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Plein</title>');
  return dir;
}

// Each server gets a state store of its own (not the one in the project's .plein/state).
const stateDir = () => mkdtempSync(join(tmpdir(), 'plein-server-state-'));
const limits = { PLEIN_LIMIT_POSTS_PER_MINUTE: '0', PLEIN_LIMIT_POSTS_PER_DAY: '0' };

describe('startPleinServer with PLEIN_GITHUB_*', () => {
  it('writes posts to GitHub through the state store\'s outbox, and the feed shows them before the commit', async () => {
    const gh = await startGithubStandin({ tokens: [TOKEN] });
    standins.push(gh);
    const env = { ...limits, PLEIN_SITE_URL: 'http://127.0.0.1', PLEIN_GITHUB_REPO: `${gh.owner}/${gh.repo}`, PLEIN_GITHUB_TOKEN: TOKEN, PLEIN_GITHUB_API_URL: gh.baseUrl, PLEIN_STATE_DIR: stateDir() };
    const { server, store, github, state } = await startPleinServer({ repoDir: root, distDir: siteDir(), port: 0, rebuild: false, env });
    servers.push(server);
    stores.push(store as GithubStore);
    expect(github).toEqual({ repo: 'wadvoort/intranet', branch: 'main' });
    expect(JSON.stringify(github)).not.toContain(TOKEN);

    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const cookie = await loginDemo(base, 'anouk-de-vries');
    const build = (await gh.git.getRef('main'))!;
    const res = await fetch(`${base}/api/berichten`, { method: 'POST', headers: { cookie, origin: base, 'content-type': 'application/json' }, body: JSON.stringify({ tekst: 'Via GitHub' }) });
    expect(res.status).toBe(201);
    const { bericht } = (await res.json()) as { bericht: { id: string } };
    expect((await state.outbox.pending()).map((e) => e.change.writes[0].path)).toEqual([expect.stringContaining(bericht.id)]);
    const feed = (await (await fetch(`${base}/api/feed?sinds=${build}`, { headers: { cookie } })).json()) as { items: { id: string }[] };
    expect(feed.items.map((i) => i.id)).toEqual([bericht.id]);

    await (store as GithubStore).flush();
    const tree = await gh.git.git(['ls-tree', '-r', '--name-only', (await gh.git.getRef('main'))!]);
    expect(tree).toContain(`${bericht.id}.md`);
  });

  it('refuses to start on half a GitHub configuration, naming what is missing, and PLEIN_STORE=local opts out', async () => {
    const half = { ...limits, PLEIN_SITE_URL: 'http://127.0.0.1', PLEIN_GITHUB_TOKEN: TOKEN, PLEIN_STATE_DIR: stateDir() };
    const error = await startPleinServer({ repoDir: root, distDir: siteDir(), port: 0, rebuild: false, env: half }).then(() => undefined, (e: Error) => e);
    expect(error?.message).toMatch(/GitHub-opslag is half ingesteld.*PLEIN_GITHUB_REPO.*PLEIN_STORE=local/);
    expect(error?.message).not.toContain(TOKEN);
    await expect(startPleinServer({ repoDir: root, distDir: siteDir(), port: 0, rebuild: false, env: { ...half, PLEIN_GITHUB_REPO: 'wadvoort/intranet', PLEIN_GITHUB_TOKEN: '', PLEIN_GITHUB_APP_ID: '1' } })).rejects.toThrow(
      /half ingesteld.*PLEIN_GITHUB_APP_PRIVATE_KEY, PLEIN_GITHUB_INSTALLATION_ID/,
    );
    const local = await startPleinServer({ repoDir: root, distDir: siteDir(), port: 0, rebuild: false, env: { ...half, PLEIN_STORE: 'local' } });
    servers.push(local.server);
    expect(local.github).toBeUndefined();
  });
});
