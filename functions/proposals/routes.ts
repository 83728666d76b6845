// The suggest-an-edit API: an employee reads a knowledge page's Markdown, changes it and explains why;
// the store turns that into a branch with one commit (and on GitHub a pull request) for the page's owners.
import { Hono, type Context } from 'hono';
import type { Identity } from '../auth/identity.ts';
import { ApiError, throwInvalidInput } from '../lib/api-error.ts';
import { readJsonBody } from '../lib/read-json.ts';
import type { PeopleLookup } from '../posts/people.ts';
import { createIdempotencyCache } from '../posts/idempotency.ts';
import { StoreUnavailableError, type ContentStore, type ProposalStore } from '../store/types.ts';
import { newProposalInput, pageId } from './input.ts';
import { readPageOwner, readPageSource, type PageOwner } from './page-source.ts';

/** What the proposal routes need. */
export interface ProposalDeps {
  store: ContentStore;
  /** Absent when the store cannot make branches: the routes then answer 503. */
  proposals?: ProposalStore;
  people: PeopleLookup;
  /** Per-person limits (kind `voorstel`); none when absent. */
  limiter?: { take(personId: string, kind: 'voorstel'): void };
  /** The site's URL, for a link to the page in the pull request. */
  siteUrl?: string;
  /** Refuses a body that does not parse or adds code: assertSafeBody (body-guard.ts) where its native parser runs. */
  checkBody: (before: string, after: string, mdx: boolean) => void;
}

type Vars = { Variables: { identity?: Identity } };

/** A whole knowledge page with front matter fits easily; a body past this is not a correction. */
const MAX_JSON_BYTES = 256 * 1024;

function identityOf(c: Context<Vars>): Identity {
  const identity = c.get('identity');
  if (!identity) throw new ApiError(401, 'niet_ingelogd', 'Log in om een wijziging voor te stellen.');
  return identity;
}


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
export function createProposalRoutes(deps: ProposalDeps) {
  const app = new Hono<Vars>();
  // Retries with the same Idempotency-Key get the first answer; after a restart the branch named by the key does.
  const idempotency = createIdempotencyCache();

  app.get('/api/voorstellen/bron', async (c) => {
    identityOf(c);
    const id = pageId.safeParse(c.req.query('pagina'));
    if (!id.success) throwInvalidInput(id.error);
    const page = await readPageSource(deps.store, id.data);
    const owner = await readPageOwner(deps.store, deps.people, page.owner);
    c.header('Cache-Control', 'no-store');
    return c.json({ pagina: id.data, titel: page.title, tekst: page.body, eigenaar: { naam: owner.name, ...(owner.email ? { email: owner.email } : {}) } });
  });

  app.post('/api/voorstellen', async (c) => {
    const who = identityOf(c);
    const input = newProposalInput.safeParse(await readJsonBody(c.req.raw, MAX_JSON_BYTES, 'Het voorstel is te groot.'));
    if (!input.success) throwInvalidInput(input.error);
    if (!deps.proposals) throw new ApiError(503, 'voorstellen_onbeschikbaar', 'Wijzigingen voorstellen kan op deze installatie niet. Mail de eigenaar van de pagina.');
    const proposals = deps.proposals;
    const page = await readPageSource(deps.store, input.data.pagina);
    const newBody = input.data.tekst.replace(/\s+$/, '') + '\n';
    if (newBody === page.body.replace(/\s+$/, '') + '\n') throw new ApiError(422, 'ongewijzigd', 'Je hebt de tekst niet veranderd. Pas de tekst aan voordat je het voorstel verstuurt.');
    deps.checkBody(page.body, newBody, page.path.endsWith('.mdx'));

    const answer = await idempotency.run(who.personId, c.req.header('idempotency-key'), 'voorstel', async (requestId) => {
      deps.limiter?.take(who.personId, 'voorstel');
      const owner = await readPageOwner(deps.store, deps.people, page.owner);
      const pageUrl = `${(deps.siteUrl ?? new URL(c.req.url).origin).replace(/\/$/, '')}/weten-en-regelen/${input.data.pagina}/`;
      try {
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
      } catch (err) {
        if (err instanceof StoreUnavailableError) throw new ApiError(503, 'opslag_onbeschikbaar', 'Je voorstel kan nu even niet worden opgeslagen. Probeer het later opnieuw.');
        throw err;
      }
    });
    if (answer.replayed) c.header('Idempotent-Replayed', 'true');
    return c.json(answer.body as object, 201);
  });

  return app;
}
