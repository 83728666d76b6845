// The demo login: without identity configuration anyone may pick a colleague and post as them. Clearly labelled,
// and impossible in production (resolveIdentityConfig refuses to start there without OIDC or a proxy).
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../lib/api-error.ts';
import { escapeHtml, sendIdentityPage } from './identity-pages.ts';
import type { PeopleDirectory } from './people-directory.ts';
import { requireSameOrigin } from './require-identity.ts';
import { safeReturnPath, type CookieCodec } from './session-cookie.ts';
import { startSession } from './session-routes.ts';

/** Where the demo login page lives. */
export const DEMO_LOGIN_PATH = '/api/auth/demo';

function demoForm(people: PeopleDirectory, returnTo: string): string {
  const options = people
    .all()
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'))
    .map((p) => `<option value="${escapeHtml(p.id)}">${escapeHtml(p.name)} — ${escapeHtml(p.jobTitle)}${p.editor ? ' (redacteur)' : ''}</option>`)
    .join('');
  return `<p class="demo" role="note"><strong>Demo-inlog.</strong> Dit intranet draait zonder echte inlog: iedereen kan hier als elke collega inloggen.
Gebruik dit alleen om Plein uit te proberen. In productie staat de demo-inlog uit en log je in via de inlogdienst van je organisatie (OpenID Connect).</p>
<form method="post" action="${DEMO_LOGIN_PATH}">
<input type="hidden" name="terug" value="${escapeHtml(returnTo)}">
<label for="persoon">Inloggen als</label>
<select id="persoon" name="persoon" required>${options}</select>
<div><button type="submit">Inloggen</button></div>
</form>`;
}

/** GET /api/auth/login → the demo page; GET /api/auth/demo shows it; POST /api/auth/demo logs in as the chosen colleague. */
export function createDemoRoutes({ cookies, people }: { cookies: CookieCodec; people: PeopleDirectory }) {
  const routes = new Hono<AppEnv>();

  routes.get('/api/auth/login', (c) => c.redirect(`${DEMO_LOGIN_PATH}?terug=${encodeURIComponent(safeReturnPath(c.req.query('terug')))}`, 302));

  routes.get(DEMO_LOGIN_PATH, (c) =>
    sendIdentityPage(c, {
      status: 200,
      title: 'Inloggen (demo)',
      text: 'Kies een collega om als die persoon berichten en reacties te plaatsen.',
      html: demoForm(people, safeReturnPath(c.req.query('terug'))),
    }),
  );

  routes.post(
    DEMO_LOGIN_PATH,
    requireSameOrigin(),
    bodyLimit({ maxSize: 4096, onError: () => { throw new ApiError(413, 'te_groot', 'Dit formulier is te groot.'); } }),
    async (c) => {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const id = typeof form.persoon === 'string' ? form.persoon : '';
    const person = id ? people.byId(id) : undefined;
    if (!person) throw new ApiError(400, 'onbekende_collega', 'Kies een collega uit de lijst om in te loggen.');
    return startSession(c as Context, cookies, person.id, safeReturnPath(typeof form.terug === 'string' ? form.terug : '/'));
    },
  );

  return routes;
}
