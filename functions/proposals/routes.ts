// The suggest-an-edit API: an employee reads a knowledge page's Markdown, changes it and explains why;
// the store turns that into a branch with one commit (and on GitHub a pull request) for the page's owners.
import { Hono } from 'hono';
import { getEntryPath } from '../../src/lib/entry-paths.ts';
import type { Identity } from '../auth/identity.ts';
import { identityOf, requireLogin } from '../auth/require-identity.ts';
import type { ContentDeps } from '../content/types.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../lib/api-error.ts';
import { createIdempotencyCache } from '../lib/idempotency.ts';
import { validJson, validQuery } from '../lib/validate.ts';
import { newProposalInput, sourceQuery } from './input.ts';
import { readPageOwner, readPageSource, type PageOwner } from './page-source.ts';

/** A whole knowledge page with front matter fits easily; a body past this is not a correction. */
const BODY_LIMIT = { maxBytes: 256 * 1024, tooLarge: 'Het voorstel is te groot.' };
const LOGIN = 'Log in om een wijziging voor te stellen.';

/** The pull-request description: the explanation first, then who, which page, and whom it is for. */
function describe(input: { toelichting: string; pagina: string }, who: Identity, title: string, owner: PageOwner, pageUrl: string) {
  const mention = owner.githubTeam ? ` (${owner.githubTeam})` : '';
  return [
    input.toelichting,
    '',
    '---',
    `Voorgesteld door ${who.name} <${who.email}> via Plein.`,
    `Pagina: [${title}](${pageUrl}) (\`${input.pagina}\`)`,
    `Eigenaar: ${owner.name}${owner.email ? ` <${owner.email}>` : ''}${mention} — graag beoordelen en samenvoegen of sluiten.`,
  ].join('\n');
}

/** Builds the proposal routes under /api/voorstellen. */
export function createProposalRoutes(deps: ContentDeps) {
  const app = new Hono<AppEnv>();
  // Retries with the same Idempotency-Key get the first answer; after a restart the branch named by the key does.
  const idempotency = createIdempotencyCache({ shared: deps.sharedAnswers });

  app.get('/api/voorstellen/bron', requireLogin(LOGIN), validQuery(sourceQuery), async (c) => {
    const { pagina } = c.req.valid('query');
    const page = await readPageSource(deps, pagina);
    const owner = await readPageOwner(deps, page.owner);
    c.header('Cache-Control', 'no-store');
    return c.json({ pagina, titel: page.title, tekst: page.body, eigenaar: { naam: owner.name, ...(owner.email ? { email: owner.email } : {}) } });
  });

  app.post('/api/voorstellen', requireLogin(LOGIN), validJson(newProposalInput, BODY_LIMIT), async (c) => {
    const who = identityOf(c);
    const input = { data: c.req.valid('json') };
    if (!deps.proposals) throw new ApiError(503, 'voorstellen_onbeschikbaar', 'Wijzigingen voorstellen kan op deze installatie niet. Mail de eigenaar van de pagina.');
    const proposals = deps.proposals;
    const page = await readPageSource(deps, input.data.pagina);
    const newBody = input.data.tekst.replace(/\s+$/, '') + '\n';
    if (newBody === page.body.replace(/\s+$/, '') + '\n') throw new ApiError(422, 'ongewijzigd', 'Je hebt de tekst niet veranderd. Pas de tekst aan voordat je het voorstel verstuurt.');
    deps.checkProposalBody(page.body, newBody, page.path.endsWith('.mdx'));

    const answer = await idempotency.run(who.personId, c.req.header('idempotency-key'), 'voorstel', async (requestId) => {
      await deps.limiter?.take(who.personId, 'voorstel');
      const owner = await readPageOwner(deps, page.owner);
      const pageUrl = `${(deps.siteUrl ?? new URL(c.req.url).origin).replace(/\/$/, '')}${getEntryPath('kennis', input.data.pagina)}`;
      const result = await proposals.propose({
        path: page.path,
        content: page.head + newBody,
        title: `Voorstel: ${page.title}`,
        body: describe(input.data, who, page.title, owner, pageUrl),
        proposer: { name: who.name, email: who.email },
        ...(owner.githubTeam ? { reviewers: { teams: [owner.githubTeam] } } : {}),
        ...(requestId ? { requestId } : {}),
      });
      const voorstel = { pagina: input.data.pagina, branch: result.branch, commit: result.commit, ...(result.url ? { url: result.url } : {}), ...(result.number ? { nummer: result.number } : {}) };
      return { status: 201, body: { voorstel } };
    });
    if (answer.replayed) c.header('Idempotent-Replayed', 'true');
    return c.json(answer.body as object, 201);
  });

  return app;
}
