// The small HTML pages of the login: demo login, "unknown colleague", logged out, errors. Dutch, no scripts.
import type { Context } from 'hono';

/** Escapes text for HTML content and attribute values. */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

const STYLE = `body{font-family:system-ui,sans-serif;max-width:38rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1f2328}
a{color:#0b5cad}.demo{border:3px solid #b35900;background:#fff4e5;padding:.75rem 1rem;border-radius:6px}
label{display:block;font-weight:600;margin:1rem 0 .25rem}select,button{font:inherit;padding:.5rem;min-height:44px}
button{background:#0b5cad;color:#fff;border:0;border-radius:6px;padding:.5rem 1.25rem;margin-top:1rem;cursor:pointer}
button:focus-visible,select:focus-visible,a:focus-visible{outline:3px solid #b35900;outline-offset:2px}`;

/** A page: `text` is escaped, `html` is trusted markup built by this module's callers from escaped parts. */
export interface IdentityPage {
  status: number;
  title: string;
  text: string;
  html?: string;
}

/** The HTML and headers of a page; a fresh nonce allows only this page's own style. */
export function renderIdentityPage(page: IdentityPage): { body: string; headers: Record<string, string> } {
  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  const body = `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(page.title)} · Plein</title><style nonce="${nonce}">${STYLE}</style></head>
<body><main><h1>${escapeHtml(page.title)}</h1><p>${escapeHtml(page.text)}</p>${page.html ?? ''}</main></body></html>`;
  return {
    body,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': `default-src 'none'; style-src 'nonce-${nonce}'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
      'Cache-Control': 'no-store',
    },
  };
}

/** Answers a Hono request with an identity page. */
export function sendIdentityPage(c: Context, page: IdentityPage) {
  const { body, headers } = renderIdentityPage(page);
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  return c.body(body, page.status as 200);
}

/** A link to start (again) at the login. */
export function loginLink(returnTo = '/'): string {
  return `<p><a href="/api/auth/login?terug=${escapeHtml(encodeURIComponent(returnTo))}">Opnieuw inloggen</a></p>`;
}
