// The gate in front of the static pages: with OIDC or a proxy the intranet is private, so every page (and asset)
// needs a login. OIDC sends the browser to the login; behind a proxy there is no login of our own, so: a 401 page.
import { ApiError } from '../lib/api-error.ts';
import { renderIdentityPage } from './identity-pages.ts';
import type { IdentityService } from './identity-service.ts';

/** The editors-only part of the site (the freshness and usage dashboards): 403 for a colleague who is not an editor. */
export const EDITOR_PATHS = /^\/beheer(\/|$)/;
/**
 * The one page under /beheer that group moderators need too: the moderation queue's shell (issue 19). It holds no
 * data; the API shows each moderator only the reports in their groups. Its log (/beheer/moderatie/logboek/) is not it.
 */
const MODERATOR_PAGE = /^\/beheer\/moderatie(\/(index\.html)?)?$/;

const EDITORS_ONLY =
  'Deze pagina is alleen voor redacteuren. Denk je dat je redacteur bent? Vraag het team Communicatie om dat in je profiel bij Collega’s aan te zetten.';

/** Decides for one request to a static file: undefined lets it through, a Response answers instead. */
export type PageGate = (request: Request) => Promise<Response | undefined>;

/** Builds the gate for a service; in demo mode pages (/beheer too) are open (posting still needs the demo login). */
export function createPageGate(service: IdentityService): PageGate {
  if (service.mode === 'demo') return async () => undefined;
  return async (request) => {
    let error: ApiError;
    try {
      const identity = await service.authenticate(request);
      if (identity.editor || !isEditorPage(request.url) || isModeratorPage(request.url)) return undefined;
      const page = renderIdentityPage({ status: 403, title: 'Geen toegang', text: EDITORS_ONLY, html: '<p><a href="/">Naar de homepage</a></p>' });
      return new Response(request.method === 'HEAD' ? null : page.body, { status: 403, headers: page.headers });
    } catch (err) {
      error = err instanceof ApiError ? err : new ApiError(500, 'internal', 'Er ging iets mis bij het controleren van je login.');
    }
    const url = new URL(request.url);
    if (error.status === 401 && service.mode === 'oidc' && (request.method === 'GET' || request.method === 'HEAD')) {
      const back = encodeURIComponent(url.pathname + url.search);
      return new Response(null, { status: 302, headers: { Location: `/api/auth/login?terug=${back}`, 'Cache-Control': 'no-store' } });
    }
    const title = error.code === 'onbekende_collega' ? 'Geen collega-profiel gevonden' : error.status === 401 ? 'Niet ingelogd' : 'Geen toegang';
    const text =
      error.status === 401 && service.mode === 'proxy'
        ? 'Je bent niet ingelogd. Open het intranet via de gewone link, dan vraagt de toegangspoort van je organisatie je om in te loggen.'
        : error.message;
    const page = renderIdentityPage({ status: error.status, title, text });
    return new Response(request.method === 'HEAD' ? null : page.body, { status: error.status, headers: page.headers });
  };
}

/** Whether an absolute URL is one of the editors-only pages, however its path is spelled. */
export function isEditorPage(url: string): boolean {
  return EDITOR_PATHS.test(decodePath(url));
}

/** Whether an absolute URL is the moderation queue, which group moderators may open too. */
export function isModeratorPage(url: string): boolean {
  return MODERATOR_PAGE.test(decodePath(url));
}

/**
 * The decoded, normalised path of a URL, the way the static server resolves it to a file: so /%62eheer/,
 * //beheer/ or /x%2F..%2Fbeheer/ cannot slip past the editors-only rule.
 */
function decodePath(url: string): string {
  let path = new URL(url).pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    // The static server refuses an undecodable path; matching it as it is is enough.
  }
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') parts.pop();
    else if (part && part !== '.') parts.push(part);
  }
  return `/${parts.join('/')}${path.endsWith('/') && parts.length ? '/' : ''}`;
}
