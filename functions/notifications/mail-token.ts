// The signed token in a mail's unsubscribe link (RFC 8058 one-click): who, and what to stop — e-mail for some kinds
// of notification, or the digest. An HS256 JWT with its own audience (a session cookie can never pass for one, nor
// the other way round), signed with PLEIN_MAIL_SECRET or else the session secret PLEIN_SESSION_SECRET. Without
// either, a random key for this process (links stop working at a restart; the mail worker says so once). The secret is
// never logged. Portable (WebCrypto through jose): the unsubscribe route also runs on Cloudflare Pages.
import { jwtVerify, SignJWT } from 'jose';
import { NOTIFICATION_KINDS, type NotificationKind } from './kinds.ts';

const AUDIENCE = 'plein-afmelden';
const ISSUER = 'plein';
/** How long an unsubscribe link works: long enough for an old mail in someone's inbox. */
export const UNSUBSCRIBE_DAYS = 90;
/** The path of the one-click unsubscribe (no login, no same-origin check: the mail client posts it). */
export const UNSUBSCRIBE_PATH = '/api/meldingen/afmelden';

/** What an unsubscribe stops. */
export type UnsubscribeWhat = { email: NotificationKind[] } | { overzicht: true };

/** Who and what a valid token says. */
export interface Unsubscribe {
  person: string;
  what: UnsubscribeWhat;
}

let processKey: Uint8Array | undefined;

/** Whether a real (configured) secret signs the links. */
export function hasMailSecret(env: Record<string, string | undefined>): boolean {
  return Boolean(env.PLEIN_MAIL_SECRET?.trim() || env.PLEIN_SESSION_SECRET?.trim());
}

/** The signing key from the environment (PLEIN_MAIL_SECRET, else PLEIN_SESSION_SECRET, else one for this process). */
export function mailKey(env: Record<string, string | undefined>): Uint8Array {
  const secret = env.PLEIN_MAIL_SECRET?.trim() || env.PLEIN_SESSION_SECRET?.trim();
  if (secret) return new TextEncoder().encode(`${AUDIENCE}\u0000${secret}`);
  processKey ??= crypto.getRandomValues(new Uint8Array(32));
  return processKey;
}

/** Signs an unsubscribe token. */
export function signUnsubscribe(key: Uint8Array, u: Unsubscribe, now = Date.now()): Promise<string> {
  const w = 'overzicht' in u.what ? 'overzicht' : `email:${u.what.email.join(',')}`;
  const iat = Math.floor(now / 1000);
  return new SignJWT({ w }).setProtectedHeader({ alg: 'HS256' }).setIssuer(ISSUER).setAudience(AUDIENCE).setSubject(u.person)
    .setIssuedAt(iat).setExpirationTime(iat + UNSUBSCRIBE_DAYS * 86_400).sign(key);
}

/** Reads a token: who and what, or undefined when it is forged, expired or malformed. */
export async function readUnsubscribe(key: Uint8Array, token: string | undefined, now = Date.now()): Promise<Unsubscribe | undefined> {
  if (!token || token.length > 2000) return undefined;
  try {
    const { payload } = await jwtVerify(token, key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'], currentDate: new Date(now) });
    if (typeof payload.sub !== 'string' || !payload.sub || typeof payload.w !== 'string') return undefined;
    if (payload.w === 'overzicht') return { person: payload.sub, what: { overzicht: true } };
    if (!payload.w.startsWith('email:')) return undefined;
    const kinds = payload.w.slice(6).split(',');
    if (!kinds.length || !kinds.every((k) => (NOTIFICATION_KINDS as readonly string[]).includes(k))) return undefined;
    return { person: payload.sub, what: { email: kinds as NotificationKind[] } };
  } catch {
    return undefined;
  }
}

/** The absolute unsubscribe link for a token. */
export function unsubscribeUrl(siteUrl: string, token: string): string {
  return `${siteUrl.replace(/\/$/, '')}${UNSUBSCRIBE_PATH}?token=${encodeURIComponent(token)}`;
}
