// Web push's settings (issue 14), portable: the VAPID key pair from PLEIN_VAPID_PUBLIC_KEY / PLEIN_VAPID_PRIVATE_KEY
// (`npm run vapid` makes one), the contact the push services may use (PLEIN_VAPID_SUBJECT: mailto: or https:), and
// which push services a subscription may point at. Plein posts to a subscription's endpoint, so an endpoint is a URL
// the server will call: only the browsers' push services are allowed (and hosts added in PLEIN_PUSH_HOSTS, e.g. a
// loopback stand-in in tests), never an arbitrary address inside the organisation's network.
import { fromBase64Url } from '../lib/base64.ts';
import type { PleinEnv } from '../env.ts';

/** The push services of Chrome/Android, Edge, Firefox and Safari (a host equal to, or under, one of these). */
export const PUSH_SERVICE_HOSTS = ['fcm.googleapis.com', 'android.googleapis.com', 'notify.windows.com', 'push.services.mozilla.com', 'push.apple.com'];

/** Push as configured. */
export interface PushConfig {
  publicKey: string;
  privateKey: string;
  subject: string;
  /** Hosts (host or host:port) a subscription's endpoint may be on, or under. */
  allowedHosts: string[];
}

/** The push settings from the environment, or why push is off (a Dutch sentence without any secret). */
export function readPushConfig(env: PleinEnv): PushConfig | { off: string } {
  const publicKey = env.PLEIN_VAPID_PUBLIC_KEY?.trim();
  const privateKey = env.PLEIN_VAPID_PRIVATE_KEY?.trim();
  if (!publicKey && !privateKey) return { off: 'Plein: push staat uit (PLEIN_VAPID_PUBLIC_KEY en PLEIN_VAPID_PRIVATE_KEY ontbreken; maak ze met npm run vapid).' };
  if (!publicKey || !privateKey) return { off: 'Plein: push staat uit: zet PLEIN_VAPID_PUBLIC_KEY én PLEIN_VAPID_PRIVATE_KEY (npm run vapid maakt een paar).' };
  const pub = fromBase64Url(publicKey);
  const priv = fromBase64Url(privateKey);
  if (pub?.length !== 65 || pub[0] !== 4) return { off: 'Plein: push staat uit: PLEIN_VAPID_PUBLIC_KEY is geen VAPID-sleutel (65 bytes, base64url; maak een paar met npm run vapid).' };
  if (priv?.length !== 32) return { off: 'Plein: push staat uit: PLEIN_VAPID_PRIVATE_KEY is geen VAPID-sleutel (32 bytes, base64url; maak een paar met npm run vapid).' };
  const subject = env.PLEIN_VAPID_SUBJECT?.trim() || defaultSubject(env);
  if (!/^(mailto:[^@\s]+@[^@\s]+|https:\/\/\S+)$/.test(subject)) return { off: 'Plein: push staat uit: PLEIN_VAPID_SUBJECT moet een mailto:-adres of een https://-adres zijn.' };
  const extra = (env.PLEIN_PUSH_HOSTS ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
  return { publicKey, privateKey, subject, allowedHosts: [...PUSH_SERVICE_HOSTS, ...extra] };
}

/** What the push routes need (the public key, the allowed services), or undefined when push is off. */
export function pushRoutesConfig(env: PleinEnv): { publicKey: string; allowedHosts: string[] } | undefined {
  const config = readPushConfig(env);
  return 'off' in config ? undefined : { publicKey: config.publicKey, allowedHosts: config.allowedHosts };
}

/** The contact push services see: the site's https address, or the mail sender, or a placeholder that says who. */
function defaultSubject(env: PleinEnv): string {
  const site = env.PLEIN_SITE_URL?.trim();
  if (site?.startsWith('https://')) return site;
  const from = env.PLEIN_MAIL_FROM?.match(/[^<\s]+@[^>\s]+/)?.[0];
  return from ? `mailto:${from}` : 'mailto:plein@localhost.invalid';
}

/** Whether `endpoint`'s host is one of the allowed push services (the host itself or a subdomain). */
export function allowedEndpoint(endpoint: URL, allowedHosts: string[]): boolean {
  const host = endpoint.hostname.toLowerCase();
  const withPort = endpoint.port ? `${host}:${endpoint.port}` : host;
  return allowedHosts.some((allowed) => (allowed.includes(':') ? withPort === allowed : host === allowed || host.endsWith(`.${allowed}`)));
}
