// One-click unsubscribe from a mail (issue 14, RFC 8058): the link in List-Unsubscribe carries a signed token that
// says who and what (e-mail for some kinds of notification, or the digest).
//   GET  /api/meldingen/afmelden?token=…   a small Dutch page with a button (a form that POSTs), changes nothing
//   POST /api/meldingen/afmelden?token=…   turns it off: the mail client's one-click POST, or that page's button
// No login and no same-origin check (functions/app.ts lets exactly this path through): the token is the permission.
// A forged, altered or expired token gets a clear page (400) and changes nothing.
import { Hono, type Context } from 'hono';
import { escapeHtml, sendIdentityPage } from '../auth/identity-pages.ts';
import type { ContentDeps } from '../content/types.ts';
import type { AppEnv } from '../env.ts';
import { KIND_LABELS } from './kinds.ts';
import { mailKey, readUnsubscribe, UNSUBSCRIBE_PATH, type Unsubscribe } from './mail-token.ts';

const SETTINGS_LINK = '<p><a href="/meldingen/instellingen/">Je meldingen en e-mail instellen</a></p>';

/** The secrets the token is signed with: the host's bindings (Cloudflare) or the process environment (Node). */
function keyOf(c: Context<AppEnv>): Uint8Array {
  const bindings = (c.env ?? {}) as Record<string, unknown>;
  const pick = (name: string) => (typeof bindings[name] === 'string' ? (bindings[name] as string) : typeof process === 'undefined' ? undefined : process.env[name]);
  return mailKey({ PLEIN_MAIL_SECRET: pick('PLEIN_MAIL_SECRET'), PLEIN_SESSION_SECRET: pick('PLEIN_SESSION_SECRET') });
}

/** What the token stops, in words. */
function describe(u: Unsubscribe): string {
  if ('overzicht' in u.what) return 'het overzicht per e-mail (dagelijks of wekelijks)';
  return `e-mail bij: ${u.what.email.map((k) => KIND_LABELS[k].toLowerCase()).join('; ')}`;
}

/** The unsubscribe routes; without a state store they answer 503. */
export function createUnsubscribeRoutes(deps: ContentDeps) {
  const app = new Hono<AppEnv>();

  const read = (c: Context<AppEnv>) => readUnsubscribe(keyOf(c), c.req.query('token'), deps.now().getTime());
  const refused = (c: Context<AppEnv>) => {
    c.header('X-Plein-Fout', 'afmeldlink_ongeldig');
    return sendIdentityPage(c, {
      status: 400,
      title: 'Deze afmeldlink werkt niet',
      text: 'De link is onvolledig, aangepast of verlopen (een afmeldlink werkt 90 dagen). Er is niets veranderd. Log in en kies zelf welke e-mail je wilt krijgen.',
      html: `<p>Foutcode: afmeldlink_ongeldig</p>${SETTINGS_LINK}`,
    });
  };
  const unavailable = (c: Context<AppEnv>) =>
    sendIdentityPage(c, { status: 503, title: 'Afmelden lukt nu niet', text: 'Meldingen zijn op deze server niet ingesteld (er is geen statusopslag). Er is niets veranderd; probeer het later opnieuw.' });

  app.get(UNSUBSCRIBE_PATH, async (c) => {
    const u = await read(c);
    if (!u) return refused(c);
    const action = `${UNSUBSCRIBE_PATH}?token=${encodeURIComponent(c.req.query('token')!)}`;
    return sendIdentityPage(c, {
      status: 200,
      title: 'Afmelden voor e-mail van Plein',
      text: `Wil je geen ${describe(u)} meer? Je meldingen in Plein zelf blijven zoals ze zijn.`,
      html: `<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Afmelden</button></form>${SETTINGS_LINK}`,
    });
  });

  app.post(UNSUBSCRIBE_PATH, async (c) => {
    const u = await read(c);
    if (!u) return refused(c);
    const notifications = deps.state?.notifications;
    if (!notifications) return unavailable(c);
    const settings = await notifications.settings(u.person);
    if ('overzicht' in u.what) settings.overzicht = 'geen';
    else for (const kind of u.what.email) settings.soorten[kind].email = false;
    await notifications.saveSettings(u.person, settings, deps.now().getTime());
    return sendIdentityPage(c, { status: 200, title: 'Je bent afgemeld', text: `Je krijgt geen ${describe(u)} meer. Je kunt dit altijd weer aanzetten.`, html: SETTINGS_LINK });
  });

  return app;
}
