// "Mijn gegevens downloaden" (issue 19 item 5, AVG art. 15): the logged-in colleague's own export, the same ZIP as
// `npm run export` (functions/privacy/export.ts), never anyone else's.
//   GET /api/mijn-gegevens   application/zip, attachment; 404 without a people file, 503 without a state store
// Photos are fetched from the site itself (the configured site URL, with the colleague's own cookie); without a site
// URL, or when one cannot be read, LEESMIJ.txt says which photo is missing.
import { Hono } from 'hono';
import { identityOf, requireLogin } from '../auth/require-identity.ts';
import type { ContentDeps } from '../content/types.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../lib/api-error.ts';
import { exportZip, UnknownColleagueError } from './export.ts';

const LOGIN = 'Log in om je gegevens te downloaden.';
const PHOTO_TIMEOUT_MS = 10_000;

/** Builds the export route. */
export function createExportRoutes(deps: ContentDeps) {
  const app = new Hono<AppEnv>();

  app.get('/api/mijn-gegevens', requireLogin(LOGIN), async (c) => {
    const who = identityOf(c, LOGIN);
    const personalData = deps.state?.personalData;
    if (!personalData) throw new ApiError(503, 'export_niet_beschikbaar', 'Je gegevens downloaden kan op deze server niet (er is geen statusopslag). Vraag de beheerder om een export.');
    const site = deps.siteUrl ? new URL(deps.siteUrl) : undefined;
    const cookie = c.req.header('cookie');
    let zip: Uint8Array<ArrayBuffer>;
    try {
      zip = await exportZip(
        {
          paths: deps.paths,
          exportState: personalData.export,
          reader: {
            list: async (prefixes) => (await deps.store.changedSince('', prefixes)).files.filter((f) => f.status !== 'deleted').map((f) => f.path),
            read: (path) => deps.store.read(path),
          },
          readPhoto: async (path) => {
            if (!site || !path.startsWith('public/media/')) return undefined;
            const url = new URL(path.slice('public'.length), site);
            const res = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: 'error', signal: AbortSignal.timeout(PHOTO_TIMEOUT_MS) }).catch(() => undefined);
            return res?.ok ? new Uint8Array(await res.arrayBuffer()) : undefined;
          },
          now: deps.now(),
        },
        who.personId,
      );
    } catch (err) {
      if (err instanceof UnknownColleagueError) throw new ApiError(404, 'profiel_onbekend', 'Er is geen profiel van jou op Plein, dus ook niets om te downloaden. Vraag de redactie om hulp.');
      throw err;
    }
    const date = deps.now().toISOString().slice(0, 10);
    return new Response(zip, {
      status: 200,
      headers: {
        'Content-Type': 'application/zip',
        'Content-Disposition': `attachment; filename="mijn-gegevens-plein-${date}.zip"`,
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });

  return app;
}
