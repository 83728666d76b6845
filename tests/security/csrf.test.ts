// CSRF: every write route of the API, attacked the way another site can — a foreign Origin, Sec-Fetch-Site
// cross-site or same-site, no Origin with a foreign Referer, Origin "null", and the bodies a plain HTML form can send —
// is refused with 403 (or 415) and writes nothing, while the logged-in editor's own same-origin request succeeds.
// The routes come from the app itself, so a write route added later is attacked too.
import { describe, expect, it } from 'vitest';
import { makeSecurityApi, repoState, sameOriginHeaders, sessionCookieFor, SITE } from '../support/security-api.ts';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const EVIL = 'https://evil.example';

// The editor's real session: every attack below carries it, as a victim's browser would.
const cookie = await sessionCookieFor('anouk-de-vries');

/** A fresh API with one post and one comment by the editor, who may edit, delete and hide both. */
async function seeded() {
  const api = makeSecurityApi();
  const send = (method: string, path: string, json?: unknown) =>
    api.app.request(`${SITE}${path}`, { method, headers: sameOriginHeaders({ cookie }), body: json === undefined ? undefined : JSON.stringify(json) });
  const post = (await (await send('POST', '/api/berichten', { tekst: 'Eerste bericht' })).json()) as { bericht: { id: string } };
  const comment = (await (await send('POST', '/api/reacties', { tekst: 'Eerste reactie', doel: { type: 'bericht', id: post.bericht.id } })).json()) as { reactie: { id: string } };
  return { ...api, send, postId: post.bericht.id, commentId: comment.reactie.id };
}

/**
 * Write routes that must accept a cross-site request, and what guards them instead: one-click unsubscribe (RFC 8058)
 * is POSTed by the mail client from wherever the mail is read, authorised by the signed token in its link alone.
 */
const CROSS_SITE_BY_DESIGN = new Set(['POST /api/meldingen/afmelden']);

/** The write routes of the API (method and path pattern), read from the app's own routing table. */
function writeRoutes(app: Awaited<ReturnType<typeof seeded>>['app']): { method: string; path: string }[] {
  const seen = new Set<string>();
  return app.routes
    .filter((r) => WRITE_METHODS.has(r.method) && r.path.startsWith('/api/') && !r.path.startsWith('/api/auth/'))
    .filter((r) => !CROSS_SITE_BY_DESIGN.has(`${r.method} ${r.path}`))
    .filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`))
    .map(({ method, path }) => ({ method, path }));
}

/** A body the route accepts from the editor's own page, so a refusal is the origin check and not bad input. */
const VALID_BODIES: Record<string, (ids: { postId: string }) => unknown> = {
  'POST /api/voorbeeld': () => ({ tekst: 'Voorbeeld' }),
  'POST /api/berichten': () => ({ tekst: 'Nieuw bericht' }),
  'PATCH /api/berichten/:id': () => ({ tekst: 'Bewerkt' }),
  'POST /api/reacties': ({ postId }) => ({ tekst: 'Nog een reactie', doel: { type: 'bericht', id: postId } }),
  'POST /api/berichten/:id/verbergen': () => ({ reden: 'test' }),
  'POST /api/reacties/:id/verbergen': () => ({ reden: 'test' }),
  'DELETE /api/berichten/:id': () => undefined,
  'DELETE /api/reacties/:id': () => undefined,
  'POST /api/voorstellen': () => ({ pagina: 'verlof', tekst: 'Verlof vraag je aan in het portaal, twee weken van tevoren.\n', toelichting: 'De termijn ontbrak.' }),
};

function concretePath(path: string, ids: { postId: string; commentId: string }): string {
  return path.replace(/^(\/api\/reacties\/):id/, `$1${ids.commentId}`).replace(/:id\b/, ids.postId).replace(/:[a-z]+/gi, 'x');
}

/** The attacks: headers a browser sends when another site makes it post, and the body it would carry. */
const FORM = new URLSearchParams({ tekst: 'Aanval', reden: 'x' }).toString();
const MULTIPART_TYPE = 'multipart/form-data; boundary=----aanval';
const MULTIPART = '------aanval\r\nContent-Disposition: form-data; name="tekst"\r\n\r\nAanval\r\n------aanval--\r\n';
const ATTACKS: { name: string; headers: Record<string, string>; body?: (json: string) => string | undefined; status: number[] }[] = [
  { name: 'a foreign Origin', headers: { origin: EVIL, 'sec-fetch-site': 'cross-site' }, status: [403] },
  { name: 'a foreign Origin without Sec-Fetch headers (older browser)', headers: { origin: EVIL }, status: [403] },
  { name: 'Sec-Fetch-Site: cross-site with our own Origin', headers: { origin: SITE, 'sec-fetch-site': 'cross-site' }, status: [403] },
  { name: 'Sec-Fetch-Site: same-site (a sibling subdomain)', headers: { origin: 'https://blog.wadvoort.nl', 'sec-fetch-site': 'same-site' }, status: [403] },
  { name: 'Origin: null (sandboxed frame, data: URL)', headers: { origin: 'null', 'sec-fetch-site': 'cross-site' }, status: [403] },
  { name: 'no Origin and a foreign Referer', headers: { referer: `${EVIL}/aanval.html` }, status: [403] },
  { name: 'no Origin, no Sec-Fetch-Site, no Referer (refused rather than trusted)', headers: {}, status: [403] },
  { name: 'an http:// Origin of our own host (downgrade)', headers: { origin: 'http://intranet.wadvoort.nl' }, status: [403] },
  { name: 'a look-alike Origin', headers: { origin: 'https://intranet.wadvoort.nl.evil.example' }, status: [403] },
  {
    name: 'a cross-site HTML form (application/x-www-form-urlencoded)',
    headers: { origin: EVIL, 'sec-fetch-site': 'cross-site', 'content-type': 'application/x-www-form-urlencoded' },
    body: () => FORM,
    status: [403, 415],
  },
  { name: 'a cross-site HTML form (multipart/form-data)', headers: { origin: EVIL, 'sec-fetch-site': 'cross-site', 'content-type': MULTIPART_TYPE }, body: () => MULTIPART, status: [403, 415] },
  { name: 'a cross-site HTML form (text/plain carrying JSON)', headers: { origin: EVIL, 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' }, body: (json) => json, status: [403, 415] },
  { name: 'a form-encoded body without Origin (form sent after a redirect)', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: () => FORM, status: [403, 415] },
];

describe('CSRF on every write route', async () => {
  const probe = await seeded();
  const routes = writeRoutes(probe.app);

  it('finds the write routes (posts, comments, edits, deletes, hiding, preview)', () => {
    const names = routes.map((r) => `${r.method} ${r.path}`);
    for (const known of Object.keys(VALID_BODIES)) expect(names).toContain(known);
  });

  it('the one-click unsubscribe accepts a cross-site POST only with a valid signed token: without one it changes nothing', async () => {
    const api = await seeded();
    expect(probe.app.routes.some((r) => `${r.method} ${r.path}` === 'POST /api/meldingen/afmelden')).toBe(true);
    const before = repoState(api.repo);
    for (const token of ['', 'vervalst.token.xyz']) {
      const res = await api.app.request(`${SITE}/api/meldingen/afmelden?token=${token}`, {
        method: 'POST',
        headers: { origin: 'https://mail.example.org', 'sec-fetch-site': 'cross-site', 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      expect(res.status).toBe(400);
    }
    expect(repoState(api.repo)).toBe(before);
  });

  describe.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s', (key, route) => {
    it.runIf(key in VALID_BODIES)('succeeds from the intranet itself (same origin, JSON)', async () => {
      const api = await seeded();
      const body = VALID_BODIES[key]?.(api);
      const res = await api.send(route.method, concretePath(route.path, api), body);
      expect(res.status).toBeLessThan(300);
    });

    it.each(ATTACKS.map((a) => [a.name, a] as const))('refuses %s, and writes nothing', async (_name, attack) => {
      const api = await seeded();
      const before = repoState(api.repo);
      const json = JSON.stringify(VALID_BODIES[key]?.(api) ?? {});
      const body = attack.body ? attack.body(json) : route.method === 'DELETE' ? undefined : json;
      const headers = { 'content-type': 'application/json', cookie, ...attack.headers };
      const res = await api.app.request(`${SITE}${concretePath(route.path, api)}`, { method: route.method, headers, body });
      expect(attack.status).toContain(res.status);
      const error = (await res.json()) as { error: { code: string; message: string } };
      expect(error.error.message).toMatch(/\w/);
      if (res.status === 403) expect(error.error.code).toBe('andere_herkomst');
      expect(repoState(api.repo)).toBe(before);
    });
  });
});

describe('form bodies from our own origin are still not accepted as JSON', () => {
  it.each([
    ['application/x-www-form-urlencoded', FORM],
    ['text/plain', JSON.stringify({ tekst: 'Aanval' })],
  ])('POST /api/reacties with %s → 415, nothing written', async (type, body) => {
    const api = await seeded();
    const before = repoState(api.repo);
    const res = await api.app.request(`${SITE}/api/reacties`, { method: 'POST', headers: sameOriginHeaders({ cookie, 'content-type': type }), body });
    expect(res.status).toBe(415);
    expect(repoState(api.repo)).toBe(before);
  });
});

describe('the login forms', () => {
  it.each([
    ['POST /api/auth/demo (logging a victim in as someone else)', '/api/auth/demo', 'persoon=anouk-de-vries&terug=%2F'],
    ['POST /api/auth/logout (logging a victim out)', '/api/auth/logout', ''],
  ])('refuses %s from another site: 403 and no cookie set or cleared', async (_name, path, body) => {
    const { app } = makeSecurityApi();
    const res = await app.request(`${SITE}${path}`, {
      method: 'POST',
      headers: { origin: EVIL, 'sec-fetch-site': 'cross-site', 'content-type': 'application/x-www-form-urlencoded', cookie },
      body,
    });
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie()).toEqual([]);
    const own = await app.request(`${SITE}${path}`, { method: 'POST', headers: { origin: SITE, 'sec-fetch-site': 'same-origin', 'content-type': 'application/x-www-form-urlencoded', cookie }, body });
    expect(own.status).toBe(303);
    expect(own.headers.getSetCookie().length).toBe(1);
  });
});

describe('reading across sites (CORS)', () => {
  it.each([
    ['OPTIONS', '/api/berichten', { 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' }],
    ['GET', '/api/feed', {}],
    ['GET', '/api/auth/me', {}],
  ])('%s %s from another site gets no CORS permission, so the browser keeps the answer from it', async (method, path, extra) => {
    const { app } = makeSecurityApi();
    const res = await app.request(`${SITE}${path}`, { method, headers: { origin: EVIL, 'sec-fetch-site': 'cross-site', cookie, ...extra } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });
});
