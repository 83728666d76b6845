// Logging in with OpenID Connect in Chromium: a real OpenID provider (oidc-provider) on loopback with its own login and
// consent pages, and `node scripts/serve.ts` started with OIDC settings; the intranet is private until you log in.
import { spawn, type ChildProcess } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { getFreePort, startOidcProvider, type TestProvider } from '../support/oidc-provider.ts';
import { demo } from './demo.ts';

test.describe.configure({ mode: 'serial' });

let idp: TestProvider;
let server: ChildProcess;
let base = '';
let output = '';

test.beforeAll(async () => {
  const port = await getFreePort();
  base = `http://127.0.0.1:${port}`;
  idp = await startOidcProvider({ redirectUris: [`${base}/api/auth/oidc/callback`] });
  server = spawn(process.execPath, ['scripts/serve.ts'], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: {
      ...process.env,
      PORT: String(port),
      PLEIN_DIST: process.env.PLEIN_DIST ?? 'dist',
      PLEIN_SITE_URL: base,
      PLEIN_OIDC_ISSUER: idp.issuer,
      PLEIN_OIDC_CLIENT_ID: idp.clientId,
      PLEIN_OIDC_CLIENT_SECRET: idp.clientSecret,
      PLEIN_SESSION_SECRET: `e2e-${crypto.randomUUID()}-${crypto.randomUUID()}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (d) => (output += d));
  server.stderr!.on('data', (d) => (output += d));
  for (let i = 0; i < 100; i++) {
    if (server.exitCode !== null) throw new Error(`server stopped: ${output}`);
    const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not start: ${output}`);
});

test.afterAll(async () => {
  if (server?.pid && server.exitCode === null) server.kill('SIGTERM');
  await idp?.close();
});

test('an employee logs in through the OpenID provider and lands on the intranet home page', async ({ page }) => {
  const colleague = demo.people.find((p) => !p.data.editor)!;
  await page.goto(`${base}/`);
  // Not logged in: the provider's own login page.
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/interaction/`));
  await page.getByPlaceholder('Enter any login').fill(colleague.data.email);
  await page.getByPlaceholder('and password').fill('wachtwoord');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  // The provider's consent page.
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(`${base}/`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('header [data-account-who]')).toHaveText(`Ingelogd als ${colleague.data.name}`);
  const me = await page.request.get(`${base}/api/auth/me`);
  expect(await me.json()).toMatchObject({ personId: colleague.id, mode: 'oidc' });

  // Logging out ends the session: the site is private again.
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page.getByRole('heading', { name: 'Je bent uitgelogd' })).toBeVisible();
  expect((await page.request.get(`${base}/api/auth/me`)).status()).toBe(401);
  const again = await page.request.get(`${base}/nieuws/`, { maxRedirects: 0 });
  expect(again.status()).toBe(302);
  expect(again.headers().location).toBe('/api/auth/login?terug=%2Fnieuws%2F');
});
