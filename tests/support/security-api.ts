// The whole Plein API (createNodeApi) on a real git repository, for the security suites: real identity service,
// real same-origin check, real store; helpers to log in with a real session cookie and to see whether git changed.
import { execFileSync, spawn } from 'node:child_process';
import { afterAll } from 'vitest';
import { createLocalGitStore } from '../../functions/store/local-git-store.ts';
import { createLocalProposals } from '../../functions/store/local-proposals.ts';
import { makeTempRepo } from './temp-repo.ts';
import { createCookieCodec } from '../../functions/auth/session-cookie.ts';
import { createPeopleDirectory, type PeopleDirectory } from '../../functions/auth/people-directory.ts';
import { createIdentity, type IdentityService } from '../../functions/auth/session.ts';
import type { PleinEnv } from '../../functions/env.ts';
import { createNodeApi, type NodeApiOptions } from '../../functions/hosts/node/api.ts';
import { personSchema } from '../../src/schemas/person.ts';

/** The site the API believes it runs on; writes must come from this origin. */
export const SITE = 'https://intranet.wadvoort.nl';
/** The session secret of the test deployment. */
export const SESSION_SECRET = 'een-geheime-sleutel-van-minstens-32-tekens-lang';

const person = (id: string, name: string, email: string, editor = false) => ({
  id,
  ...personSchema.parse({ name, jobTitle: 'Beleidsmedewerker', department: 'publiekszaken', email, startDate: '2020-01-01', editor }),
});

/** The roles of the permission matrix, one colleague each. */
export const ROLE_PEOPLE = {
  author: person('ahmet-demir', 'Ahmet Demir', 'ahmet.demir@wadvoort.nl'),
  colleague: person('bas-van-leeuwen', 'Bas van Leeuwen', 'bas.van.leeuwen@wadvoort.nl'),
  groupModerator: person('mo-koffie', 'Mo Koffie', 'mo.koffie@wadvoort.nl'),
  otherModerator: person('sam-sport', 'Sam Sport', 'sam.sport@wadvoort.nl'),
  editor: person('anouk-de-vries', 'Anouk de Vries', 'Anouk.de.Vries@wadvoort.nl', true),
};

/** The people of the security suites. */
export function createSecurityPeople(): PeopleDirectory {
  return createPeopleDirectory(Object.values(ROLE_PEOPLE));
}

/** A content repository with open groups Koffietijd (moderated by Mo) and Sport (by Sam), the closed group Bestuur (Mo), a news item and a knowledge page. */
export function makeSecurityRepo(): string {
  const repo = makeTempRepo(
    {
      'content/groepen/koffietijd.md': '---\nname: Koffietijd\ndescription: Gezellige dingen delen.\nmoderators: [mo-koffie]\nmarket: true\n---\nWelkom.\n',
      'content/groepen/sport.md': '---\nname: Sport\ndescription: Samen sporten na het werk.\nmoderators: [sam-sport]\n---\n',
      'content/groepen/bestuur.md': '---\nname: Bestuur\ndescription: Berichten van het bestuur.\nmoderators: [mo-koffie]\nopenToAll: false\njoinPolicy: op-aanvraag\n---\n',
      'content/nieuws/fietsplan.md': '---\ntitle: Fietsplan\n---\nTekst.\n',
      // Profiles of the author and a colleague (the others have none: they get 404 on their own profile).
      'content/collegas/ahmet-demir.yml': 'name: Ahmet Demir\njobTitle: Beleidsmedewerker\ndepartment: publiekszaken\nemail: ahmet.demir@wadvoort.nl\nphone: "06 11111111"\nstartDate: 2020-01-01\n',
      'content/collegas/bas-van-leeuwen.yml': 'name: Bas van Leeuwen\njobTitle: Beleidsmedewerker\ndepartment: publiekszaken\nemail: bas.van.leeuwen@wadvoort.nl\nstartDate: 2020-01-01\n',
      // Organised by the author; open for sign-up (5 places) far into the future.
      'content/agenda/borrel.md': '---\ntitle: Vrijdagmiddagborrel\nsummary: Samen het kwartaal afsluiten in de kantine.\nstart: 2099-06-05T16:00:00+02:00\nend: 2099-06-05T18:00:00+02:00\nlocation: Kantine\norganiser: ahmet-demir\nsignup:\n  capacity: 5\n---\nWelkom.\n',
      'content/weten-en-regelen/verlof.md': '---\ntitle: Verlof aanvragen\nsummary: Zo vraag je verlof aan.\nowner: anouk-de-vries\nreviewedAt: 2026-09-14\n---\nVerlof vraag je aan in het portaal.\n',
    },
    'plein-security-',
  );
  made.push(repo);
  return repo;
}

// Every suite makes a repository per case; remove them when the suite is done — in a process of its own that the suite
// does not wait for: hundreds of repositories took more than the hook's minute on a loaded machine (CI, 2 cores).
const made: string[] = [];
afterAll(() => {
  const dirs = made.splice(0);
  for (let i = 0; i < dirs.length; i += 200) spawn('rm', ['-rf', '--', ...dirs.slice(i, i + 200)], { detached: true, stdio: 'ignore' }).unref();
});

/** The API of one deployment on a fresh repository; `env` picks the login (default: the demo login). */
export function makeSecurityApi(options: { env?: PleinEnv; people?: PeopleDirectory; identity?: IdentityService } & Partial<NodeApiOptions> = {}) {
  const repo = makeSecurityRepo();
  const store = createLocalGitStore({ repoDir: repo });
  const people = options.people ?? createSecurityPeople();
  const identity = options.identity ?? createIdentity({ PLEIN_SITE_URL: SITE, PLEIN_SESSION_SECRET: SESSION_SECRET, ...options.env }, people);
  // Suggested edits become local branches, as on the embedded server.
  const app = createNodeApi({ store, proposals: createLocalProposals({ repoDir: repo }), people, ...options, identity });
  return { app, repo, store, identity, people };
}

/** A real session cookie for a colleague, signed as the server signs it (`Cookie` header value). */
export async function sessionCookieFor(personId: string, secret = SESSION_SECRET): Promise<string> {
  const codec = createCookieCodec(new TextEncoder().encode(secret), true);
  return `${codec.sessionCookie}=${await codec.issueSession(personId)}`;
}

/** Headers of a same-origin write from the intranet's own pages. */
export function sameOriginHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { origin: SITE, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json', ...extra };
}

/** The state of a repository: HEAD and any uncommitted change; equal before and after means nothing was written. */
export function repoState(repo: string): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
  // Branches too: a suggested edit writes a branch, not the checked-out one.
  return `${git('rev-parse', 'HEAD')}\n${git('for-each-ref', '--format=%(refname) %(objectname)', 'refs/heads')}\n${git('status', '--porcelain', '--untracked-files=all')}`;
}
