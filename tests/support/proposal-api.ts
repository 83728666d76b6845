// Test wiring for the proposal API: a real git repository with a knowledge page, its department and
// the proposal routes over a given proposal store (local branches by default).
import type { ContentParts } from '../../functions/app.ts';
import { makeContentDeps, makeRouteTestApp } from './posting-api.ts';
import { createLocalGitStore } from '../../functions/store/local-git-store.ts';
import { createLocalProposals } from '../../functions/store/local-proposals.ts';
import { makeTempRepo } from './temp-repo.ts';
import type { ContentStore, ProposalStore } from '../../functions/store/types.ts';
import { createProposalRoutes } from '../../functions/proposals/routes.ts';

/** The knowledge page of the tests: front matter with quoting, a list and odd spacing that must survive byte for byte. */
export const PAGE_HEAD = '---\ntitle: Verlof aanvragen\nsummary: "Zo vraag je verlof aan, en hoe lang van tevoren."\nowner: hr\nreviewedAt: 2026-09-14\nrelated:\n  - hr/ziek-melden\ntrefwoorden: [vakantie,  snipperdag]   \norder: 10\n---\n';
/** Its body. */
export const PAGE_BODY = '\nVerlof vraag je aan in het portaal.\n\n<Callout type="info" title="Let op">\nMinstens twee weken van tevoren.\n</Callout>\n';

/** The files of the test repository. */
export const REPO_FILES: Record<string, string> = {
  'content/weten-en-regelen/hr/verlof-aanvragen.mdx': PAGE_HEAD + PAGE_BODY,
  'content/weten-en-regelen/hr/ziek-melden.md': '---\ntitle: Ziek melden\nsummary: Zo meld je je ziek bij je leidinggevende.\nowner: anouk-de-vries\nreviewedAt: 2026-01-01\n---\nBel voor negen uur.\n',
  'content/weten-en-regelen/hr/kapot.mdx': '---\ntitle: [kapot\n---\nTekst.\n',
  'content/afdelingen/hr.yml': 'name: HR\ndescription: Personeelszaken en salaris.\nemail: hr@wadvoort.nl\ngithubTeam: "@wadvoort/hr"\n',
};

/** The proposal routes on `store`; the `x-test-persoon` header picks the logged-in person. */
export function makeProposalApi(store: ContentStore, proposals: ProposalStore | undefined, overrides: Partial<ContentParts> = {}) {
  const deps = makeContentDeps({ proposals, siteUrl: 'https://plein.wadvoort.nl', ...overrides }, store);
  return makeRouteTestApp((app) => app.route('/', createProposalRoutes(deps)));
}

/** The proposal API on a fresh local repository with local branches. */
export function makeLocalProposalApi(overrides: Partial<ContentParts> = {}) {
  const repo = makeTempRepo(REPO_FILES, 'plein-voorstel-');
  const store = createLocalGitStore({ repoDir: repo });
  return { repo, store, ...makeProposalApi(store, createLocalProposals({ repoDir: repo }), overrides) };
}
