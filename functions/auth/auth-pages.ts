// The small HTML pages the GitHub login popup shows: the hand-off of the result to the CMS, or an error.
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import type { ApiError } from '../lib/api-error.ts';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
// JSON inside a <script> must not be able to end the element.
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028|\u2029/g, '');

/** What the popup hands to the CMS window: a token, or an error Decap shows to the editor. */
export interface Handoff {
  provider: 'github';
  token?: string;
  error?: string;
  allowedOrigins: string[];
}

function page(c: Context<AppEnv>, status: number, title: string, text: string, script = '') {
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  c.header('Content-Security-Policy', `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`);
  // The popup must keep its link to the CMS window (window.opener) after visiting GitHub.
  c.header('Cross-Origin-Opener-Policy', 'unsafe-none');
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
  const html = `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(title)} · Plein</title>
<style nonce="${nonce}">body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1f2328}</style></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></main>${script ? `<script nonce="${nonce}">${script}</script>` : ''}</body></html>`;
  return c.html(html, status as 200);
}

/**
 * Decap's protocol: the popup says "authorizing:github" to its opener, the CMS answers from its own origin,
 * and only to an allowed origin the popup then sends "authorization:github:success:{token,provider}".
 */
function handoffScript(handoff: Handoff): string {
  const message = handoff.token
    ? `authorization:${handoff.provider}:success:${JSON.stringify({ token: handoff.token, provider: handoff.provider })}`
    : `authorization:${handoff.provider}:error:${JSON.stringify({ message: handoff.error })}`;
  return `(function(){var allowed=${scriptJson(handoff.allowedOrigins)};var message=${scriptJson(message)};
if(!window.opener){return;}
function receive(e){if(allowed.indexOf(e.origin)===-1||e.data!==${scriptJson(`authorizing:${handoff.provider}`)}){return;}
window.removeEventListener('message',receive,false);window.opener.postMessage(message,e.origin);${handoff.token ? 'setTimeout(function(){window.close();},500);' : ''}}
window.addEventListener('message',receive,false);window.opener.postMessage(${scriptJson(`authorizing:${handoff.provider}`)},'*');})();`;
}

/** The success page: hands the token to the CMS window, then closes. */
export function renderHandoffPage(c: Context<AppEnv>, handoff: Handoff) {
  return page(c, 200, 'Je bent ingelogd', 'Dit venster sluit vanzelf. Gebeurt dat niet, sluit het dan zelf en ga verder in het CMS.', handoffScript(handoff));
}

/** The error page: a clear Dutch message, also passed on to the CMS window when there is one. */
export function renderAuthPage(c: Context<AppEnv>, error: ApiError) {
  const script = handoffScript({ provider: 'github', error: error.message, allowedOrigins: [new URL(c.req.url).origin] });
  return page(c, error.status, 'Inloggen bij het CMS lukt niet', error.message, script);
}
