// Test wiring for the posting API: a temp repository with a little content and known people.
import { execFileSync } from 'node:child_process';
import { Hono } from 'hono';
import { ApiError } from '../../functions/lib/api-error.ts';
import { createLocalGitStore } from '../../functions/store/local-git-store.ts';
import { makeTempRepo } from './temp-repo.ts';
import { answerError, buildContentDeps, ROUTE_MODULES, type ContentParts } from '../../functions/app.ts';
import type { PeopleLookup, PersonSummary } from '../../functions/content/people.ts';
import type { ContentDeps } from '../../functions/content/types.ts';
import { assertSafeBody } from '../../functions/proposals/body-guard.ts';
import type { AppEnv } from '../../functions/env.ts';

/** The people of the test organisation. */
export const PEOPLE: PersonSummary[] = [
  { id: 'anouk-de-vries', name: 'Anouk de Vries', email: 'anouk@wadvoort.nl', department: 'hr', editor: false },
  { id: 'bas-bakker', name: 'Bas Bakker', email: 'bas@wadvoort.nl', department: 'ict', editor: false },
  { id: 'mod-koffie', name: 'Mo de Moderator', email: 'mo@wadvoort.nl', department: 'hr', editor: false },
  { id: 'eva-editor', name: 'Eva Redacteur', email: 'eva@wadvoort.nl', department: 'communicatie', editor: true },
];

/** A PeopleLookup over a list. */
export function makePeople(list = PEOPLE): PeopleLookup {
  const ids = new Set(list.map((p) => p.id));
  return { byId: (id) => list.find((p) => p.id === id), ids: () => ids };
}

/** A git repository with two groups and one news item. */
export function makeContentRepo(): string {
  return makeTempRepo(
    {
      'content/groepen/koffietijd.md': '---\nname: Koffietijd\ndescription: Gezellige dingen delen.\nmoderators: [mod-koffie]\n---\nWelkom.\n',
      'content/groepen/bestuur.md': '---\nname: Bestuur\ndescription: Alleen voor het bestuur.\nmoderators: [mod-koffie]\nopenToAll: false\n---\n',
      'content/nieuws/fietsplan.md': '---\ntitle: Fietsplan\n---\nTekst.\n',
    },
    'plein-posting-',
  );
}

/** An app for route tests: the `x-test-persoon` header picks the logged-in person, errors answer as the API's do. */
export function makeRouteTestApp(mount: (app: Hono<AppEnv>) => void) {
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    const person = PEOPLE.find((p) => p.id === c.req.header('x-test-persoon'));
    if (person) c.set('identity', { personId: person.id, name: person.name, email: person.email, editor: person.editor });
    await next();
  });
  mount(app);
  app.onError(answerError);
  /** A request as `as` (a person id), with `json` sent as a JSON body. */
  const request = (path: string, init: RequestInit & { as?: string; json?: unknown } = {}) => {
    const headers = new Headers(init.headers);
    if (init.as) headers.set('x-test-persoon', init.as);
    if (init.json !== undefined) headers.set('content-type', 'application/json');
    return app.request(path, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
  };
  return { app, request };
}

/** What the content routes share, on `store`, as the app builds it (photos refused unless `processPhoto` is given). */
export function makeContentDeps(overrides: Partial<ContentParts> & { siteUrl?: string } = {}, store = overrides.store!): ContentDeps {
  const { siteUrl, ...parts } = overrides;
  const refusePhoto = async (): Promise<never> => {
    throw new ApiError(415, 'geen_foto', 'geen foto');
  };
  return buildContentDeps({ people: makePeople(), processPhoto: refusePhoto, checkProposalBody: assertSafeBody, ...parts, store }, siteUrl);
}

/** Every content route module (posts, comments, moderation, feed, proposals) on `deps`. */
export function mountContentRoutes(app: Hono<AppEnv>, deps: ContentDeps) {
  for (const create of ROUTE_MODULES) app.route('/', create(deps));
}

/** The content routes on a temp repo (or `repo`); the `x-test-persoon` header picks the logged-in person. */
export function makeTestApi(overrides: Partial<ContentParts> = {}, repo = makeContentRepo()) {
  const store = overrides.store ?? createLocalGitStore({ repoDir: repo });
  const deps = makeContentDeps(overrides, store);
  const { app, request } = makeRouteTestApp((app) => mountContentRoutes(app, deps));
  return { app, repo, store, request };
}

/** Number of commits in a repository. */
export function commitCount(repo: string): number {
  return Number(execFileSync('git', ['rev-list', '--count', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim());
}
