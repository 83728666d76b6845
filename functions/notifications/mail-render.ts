// The HTML and plain-text parts of Plein's mails (issue 14): Dutch (lang="nl"), real text with headings and lists (no
// images, so no alt text to miss), absolute links, and a footer that says why the mail came and how to stop it. Also
// the headers every mail carries: List-Unsubscribe with a signed one-click link (RFC 8058).
import { escapeHtml } from '../auth/identity-pages.ts';
import { createUlid } from '../lib/ulid.ts';

/** The site's address when PLEIN_SITE_URL is not set: the same default as the build's (src/config.ts). */
export const DEFAULT_SITE_URL = 'http://localhost:4321';

/** One line of a mail: a sentence that links somewhere, with an optional excerpt under it. */
export interface MailLine {
  text: string;
  url: string;
  excerpt?: string | null;
}

/** A mail's content before it becomes HTML and text. */
export interface MailContent {
  subject: string;
  heading: string;
  intro?: string;
  sections: { title?: string; lines: MailLine[] }[];
  /** Why this colleague gets it ("Je krijgt deze e-mail omdat …"). */
  reason: string;
  unsubscribeUrl: string;
  siteUrl: string;
}

/** An absolute link on the site. */
export function absolute(siteUrl: string, path: string): string {
  return new URL(path, siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`).href;
}

/** A Message-ID, made once per mail (kept in the queue: every retry sends the same one). */
export function newMessageId(siteUrl: string, now = Date.now()): string {
  const host = (() => {
    try {
      return new URL(siteUrl).hostname || 'plein.invalid';
    } catch {
      return 'plein.invalid';
    }
  })();
  return `<${createUlid(now).toLowerCase()}.${crypto.randomUUID().slice(0, 8)}@${host}>`;
}

/** The headers of a mail with one-click unsubscribe. */
export function mailHeaders(unsubscribeUrl: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', 'Auto-Submitted': 'auto-generated' };
}

/** The HTML and plain-text parts. */
export function renderMail(m: MailContent): { html: string; text: string } {
  const settings = absolute(m.siteUrl, '/meldingen/instellingen/');
  const html = `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(m.subject)}</title></head>
<body style="margin:0;padding:0;background:#ffffff;color:#1f2328;font-family:system-ui,-apple-system,'Segoe UI',sans-serif;font-size:16px;line-height:1.5">
<main style="max-width:38rem;margin:0 auto;padding:1rem">
<h1 style="font-size:1.4rem;margin:0 0 1rem">${escapeHtml(m.heading)}</h1>
${m.intro ? `<p>${escapeHtml(m.intro)}</p>\n` : ''}${m.sections
    .map(
      (s) =>
        `${s.title ? `<h2 style="font-size:1.15rem;margin:1.5rem 0 .5rem">${escapeHtml(s.title)}</h2>\n` : ''}<ul style="padding-left:1.25rem">\n${s.lines
          .map((l) => `<li style="margin:0 0 .75rem"><a href="${escapeHtml(l.url)}" style="color:#0b5cad">${escapeHtml(l.text)}</a>${l.excerpt ? `<br><span>${escapeHtml(l.excerpt)}</span>` : ''}</li>`)
          .join('\n')}\n</ul>`,
    )
    .join('\n')}
<hr style="border:0;border-top:1px solid #d0d7de;margin:2rem 0 1rem">
<p style="font-size:.9rem;color:#57606a">${escapeHtml(m.reason)} <a href="${escapeHtml(settings)}" style="color:#0b5cad">Meldingen instellen</a> · <a href="${escapeHtml(m.unsubscribeUrl)}" style="color:#0b5cad">Afmelden voor deze e-mail</a></p>
</main></body></html>
`;
  const text = [
    m.heading,
    '',
    ...(m.intro ? [m.intro, ''] : []),
    ...m.sections.flatMap((s) => [
      ...(s.title ? [s.title, '-'.repeat(s.title.length)] : []),
      ...s.lines.flatMap((l) => [`- ${l.text}`, ...(l.excerpt ? [`  ${l.excerpt}`] : []), `  ${l.url}`]),
      '',
    ]),
    '--',
    m.reason,
    `Meldingen instellen: ${settings}`,
    `Afmelden voor deze e-mail: ${m.unsubscribeUrl}`,
    '',
  ].join('\n');
  return { html, text };
}
