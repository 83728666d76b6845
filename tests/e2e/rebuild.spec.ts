// The embedded server rebuilds after new commits and swaps the new build in atomically: pages keep
// answering during the rebuild, and the new post gets its own page afterwards; after the swap, whoever follows a
// knowledge page changed in that build is told (issue 14).
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { startPleinServer, tempRepoDir } from '../../functions/hosts/node/plein-server.ts';
import { REAL_CLOCK_BUILD } from '../support/real-clock.ts';
import { demo } from './demo.ts';

test('a post gets its page after the background rebuild; pages never break meanwhile', async ({ request }) => {
  test.setTimeout(120_000);
  const repo = tempRepoDir('rebuild');
  execFileSync('git', ['clone', '--quiet', resolve(import.meta.dirname, '../..'), repo]);
  // It starts with the pinned demo build and rebuilds on the real clock, like the post it stores (tests/support/real-clock.ts).
  const { server, rebuilder, state } = await startPleinServer({ repoDir: repo, distDir: resolve(process.env.PLEIN_DIST ?? 'dist'), port: 0, debounceMs: 200, env: { PLEIN_SITE_URL: 'http://127.0.0.1', ...REAL_CLOCK_BUILD } });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const login = await request.post(`${base}/api/auth/demo`, { form: { persoon: demo.people[0].id, terug: '/' }, headers: { origin: base }, maxRedirects: 0 });
    expect(login.status()).toBeLessThan(400);
    // Follow a page; once the server has recorded the build it started with, an editor changes the page in git.
    const page = demo.pages[0];
    expect((await request.put(`${base}/api/volgen`, { data: { doel: { type: 'kennis', id: page.id }, volgen: true }, headers: { origin: base } })).status()).toBe(200);
    await expect.poll(async () => (await state.notifications.cursor('kennis-gepubliceerd'))?.mark, { timeout: 10_000 }).toBeTruthy();
    writeFileSync(join(repo, page.file), readFileSync(join(repo, page.file), 'utf8').replace(/\n---\n/, '\n---\n\nEen nieuwe alinea.\n'));
    const editor = demo.people[1].data as { name: string; email: string };
    execFileSync('git', ['-c', `user.name=${editor.name}`, '-c', `user.email=${editor.email}`, 'commit', '--quiet', '-m', 'Pagina bijgewerkt', '--', page.file], { cwd: repo });
    const posted = await request.post(`${base}/api/berichten`, { data: { tekst: 'Na de herbouw heb ik een eigen pagina.' }, headers: { origin: base } });
    expect(posted.status()).toBe(201);
    const { bericht } = await posted.json();
    const before = rebuilder.current();
    const failures: string[] = [];
    let checks = 0;
    const deadline = Date.now() + 100_000;
    while (Date.now() < deadline) {
      for (const path of ['/', '/tijdlijn/', `/weten-en-regelen/${demo.pages[0].id}/`]) {
        const res = await request.get(`${base}${path}`);
        checks++;
        if (res.status() !== 200) failures.push(`${path} ${res.status()}`);
      }
      if ((await request.get(`${base}/berichten/${bericht.id}/`)).status() === 200) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(rebuilder.current()).not.toBe(before);
    expect((await request.get(`${base}/berichten/${bericht.id}/`)).status()).toBe(200);
    expect(checks).toBeGreaterThan(3);
    expect(failures).toEqual([]);
    // The build that published the page's change tells its follower (by the page's title), once.
    await expect.poll(async () => ((await (await request.get(`${base}/api/meldingen`)).json()) as { meldingen: { soort: string; tekst: string; url: string }[] }).meldingen.filter((m) => m.soort === 'pagina-gewijzigd'), { timeout: 15_000 })
      .toEqual([expect.objectContaining({ tekst: `De pagina ‘${page.data.title}’ die je volgt is bijgewerkt`, url: `/weten-en-regelen/${page.id}/` })]);
  } finally {
    server.close();
  }
});
