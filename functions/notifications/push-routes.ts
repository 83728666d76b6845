// Web push for the logged-in colleague (issue 14), per person and never cached:
//   GET    /api/push                 { publicKey, abonnementen }: the server's VAPID public key (null: push is off here)
//                                    and how many browsers of this colleague are subscribed
//   POST   /api/push/abonnementen    PushSubscription.toJSON() → 201; stored for this colleague (replaces the keys of
//                                    the same endpoint, also when another colleague had it on this browser)
//   DELETE /api/push/abonnementen    { endpoint } → 204; removes this colleague's subscription with that endpoint
// A subscription's endpoint is a URL the server will post to, so it must be https:// on a browser's push service
// (functions/notifications/push-config.ts); its keys must be a real P-256 public key and a 16-byte secret. Anything
// else: 422 ongeldig_abonnement with a Dutch message, nothing stored.
import { Hono } from 'hono';
import { identityOf, requireLogin } from '../auth/require-identity.ts';
import { JSON_LIMIT } from '../content/items.ts';
import type { ContentDeps } from '../content/types.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../lib/api-error.ts';
import { fromBase64Url } from '../lib/base64.ts';
import { readJsonBody } from '../lib/read-json.ts';
import type { PushSubscriptionKeys, PushSubscriptions } from '../state/push-subscriptions.ts';
import { allowedEndpoint } from './push-config.ts';

const LOGIN = 'Log in om push in te stellen.';
const NO_STORE = { 'Cache-Control': 'private, no-store' };
const MAX_ENDPOINT = 2048;

const invalid = (message: string) => new ApiError(422, 'ongeldig_abonnement', message);

/** Whether `bytes` is a point on P-256 (WebCrypto refuses anything else). */
async function isP256Point(bytes: Uint8Array): Promise<boolean> {
  if (bytes.length !== 65 || bytes[0] !== 4) return false;
  try {
    await crypto.subtle.importKey('raw', bytes as Uint8Array<ArrayBuffer>, { name: 'ECDH', namedCurve: 'P-256' }, true, []);
    return true;
  } catch {
    return false;
  }
}

/** Checks a subscription from the browser; gives it back trimmed to what is stored, or throws the 422. */
export async function checkSubscription(body: unknown, allowedHosts: string[]): Promise<PushSubscriptionKeys> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalid('Stuur het push-abonnement van de browser: { endpoint, keys: { p256dh, auth } }.');
  const { endpoint, keys } = body as { endpoint?: unknown; keys?: { p256dh?: unknown; auth?: unknown } };
  if (typeof endpoint !== 'string' || !endpoint) throw invalid('endpoint ontbreekt: het adres van de pushdienst van je browser.');
  if (endpoint.length > MAX_ENDPOINT) throw invalid(`endpoint is te lang (hoogstens ${MAX_ENDPOINT} tekens).`);
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw invalid('endpoint is geen geldig adres.');
  }
  if (url.protocol !== 'https:') throw invalid('endpoint moet met https:// beginnen.');
  if (url.username || url.password) throw invalid('endpoint mag geen gebruikersnaam of wachtwoord bevatten.');
  if (!allowedEndpoint(url, allowedHosts)) throw invalid('endpoint hoort niet bij een bekende pushdienst van een browser; Plein stuurt alleen naar die diensten.');
  if (!keys || typeof keys !== 'object') throw invalid('keys ontbreekt: { p256dh, auth } van het abonnement.');
  const p256dh = typeof keys.p256dh === 'string' ? keys.p256dh : '';
  const auth = typeof keys.auth === 'string' ? keys.auth : '';
  const point = p256dh.length <= 100 ? fromBase64Url(p256dh) : undefined;
  if (!point || !(await isP256Point(point))) throw invalid('keys.p256dh is geen geldige openbare sleutel (P-256, base64url).');
  if (auth.length > 30 || fromBase64Url(auth)?.length !== 16) throw invalid('keys.auth is geen geldig geheim (16 bytes, base64url).');
  return { endpoint, keys: { p256dh, auth } };
}

/** The push routes; without a state store they answer 503, without VAPID keys GET says so (publicKey null). */
export function createPushRoutes(deps: ContentDeps) {
  const app = new Hono<AppEnv>();
  const store = (): PushSubscriptions => {
    if (!deps.state?.pushSubscriptions) throw new ApiError(503, 'meldingen_niet_beschikbaar', 'Meldingen zijn op deze server niet ingesteld (er is geen statusopslag).');
    return deps.state.pushSubscriptions;
  };
  const config = () => {
    if (!deps.push) throw new ApiError(503, 'push_uit', 'Push staat op deze server uit.');
    return deps.push;
  };

  app.get('/api/push', requireLogin(LOGIN), async (c) => {
    const me = identityOf(c, LOGIN);
    const abonnementen = deps.state?.pushSubscriptions ? (await deps.state.pushSubscriptions.of(me.personId)).length : 0;
    return c.json({ publicKey: deps.push?.publicKey ?? null, abonnementen }, 200, NO_STORE);
  });

  app.post('/api/push/abonnementen', requireLogin(LOGIN), async (c) => {
    const me = identityOf(c, LOGIN);
    const { allowedHosts } = config();
    const sub = await checkSubscription(await readJsonBody(c.req.raw, JSON_LIMIT.maxBytes, JSON_LIMIT.tooLarge), allowedHosts);
    await deps.limiter?.take(me.personId, 'aanpassing');
    await store().save(me.personId, sub, deps.now().getTime());
    return c.json({ ok: true }, 201, NO_STORE);
  });

  app.delete('/api/push/abonnementen', requireLogin(LOGIN), async (c) => {
    const me = identityOf(c, LOGIN);
    const body = (await readJsonBody(c.req.raw, JSON_LIMIT.maxBytes, JSON_LIMIT.tooLarge)) as { endpoint?: unknown } | null;
    if (!body || typeof body.endpoint !== 'string' || !body.endpoint || body.endpoint.length > MAX_ENDPOINT) throw invalid('Stuur { endpoint } van het abonnement dat weg moet.');
    await store().remove(me.personId, body.endpoint);
    return c.body(null, 204, NO_STORE);
  });

  return app;
}
