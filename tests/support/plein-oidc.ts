// The embedded Plein server (site + API + local git store) on a clone of this repository, with login through
// a real OpenID provider on loopback; and logging a colleague in from a browser. Shared by e2e tests that post.
import { execFileSync } from 'node:child_process';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { expect, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';
import { startPleinServer, tempRepoDir } from '../../functions/hosts/node/plein-server.ts';
import { getFreePort, startOidcProvider, type TestProvider } from './oidc-provider.ts';

/** A running server on its own repository copy. */
export interface PleinWithOidc {
  base: string;
  repo: string;
  server: Server;
  idp: TestProvider;
  close(): Promise<void>;
}

/**
 * Clones the project into .plein/tmp, serves PLEIN_DIST (default dist) from it with OIDC login; no rebuilds. `env` adds
 * settings (e.g. push's keys); `prepare` changes the copy before the server starts (e.g. moves a demo agenda item).
 */
export async function startPleinWithOidc(name: string, env: Record<string, string> = {}, prepare?: (repo: string) => void): Promise<PleinWithOidc> {
  const repo = tempRepoDir(name);
  execFileSync('git', ['clone', '--quiet', resolve(import.meta.dirname, '../..'), repo]);
  prepare?.(repo);
  const port = await getFreePort();
  const base = `http://127.0.0.1:${port}`;
  const idp = await startOidcProvider({ redirectUris: [`${base}/api/auth/oidc/callback`] });
  const { server } = await startPleinServer({
    repoDir: repo,
    distDir: resolve(process.env.PLEIN_DIST ?? 'dist'),
    port,
    rebuild: false,
    // The demo is a fixture frozen in time: the daily retention would remove its posts and comments from the copy as
    // the real clock passes their terms (the hidden comment from May 2027, the posts from August 2028), and the tests
    // that act on them would fail. The retention has its own tests with a fixed clock (functions/retention/run.test.ts).
    retention: false,
    env: {
      PLEIN_SITE_URL: base,
      PLEIN_OIDC_ISSUER: idp.issuer,
      PLEIN_OIDC_CLIENT_ID: idp.clientId,
      PLEIN_OIDC_CLIENT_SECRET: idp.clientSecret,
      PLEIN_SESSION_SECRET: `e2e-${crypto.randomUUID()}-${crypto.randomUUID()}`,
      ...env,
    },
  });
  return {
    base,
    repo,
    server,
    idp,
    async close() {
      server.close();
      await idp.close();
    },
  };
}

/** Opens `url` in a fresh browser context, logs in as `email` at the provider's pages, and lands back on `url`. */
export async function loginInBrowser(browser: Browser, url: string, email: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto(url);
  await page.getByPlaceholder('Enter any login').fill(email);
  await page.getByPlaceholder('and password').fill('wachtwoord');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(url);
  return page;
}
