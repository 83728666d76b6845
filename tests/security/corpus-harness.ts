// The real API (createNodeApi) on a real local git repository, with the real demo login, for the
// hostile-input corpus and the properties: requests carry a session cookie and our Origin.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPeopleDirectory } from '../../functions/auth/people-directory.ts';
import { createIdentity } from '../../functions/auth/session.ts';
import { createNodeApi } from '../../functions/hosts/node/api.ts';
import { createLocalGitStore } from '../../functions/store/local-git-store.ts';
import { createLocalProposals } from '../../functions/store/local-proposals.ts';
import { makeTempRepo } from '../support/temp-repo.ts';
import { personSchema } from '../../src/schemas/person.ts';

/** The colleagues: an author, a second employee, a group moderator and an editor. */
export const PEOPLE = ['anouk-de-vries', 'bas-bakker', 'mod-koffie', 'eva-editor'] as const;
export type PersonId = (typeof PEOPLE)[number];

const colleague = (id: string, name: string, editor = false) => ({
  id,
  ...personSchema.parse({ name, jobTitle: 'Beleidsmedewerker', department: 'publiekszaken', email: `${id}@wadvoort.nl`, startDate: '2020-01-01', editor }),
});

/** Content the corpus comments on and posts into: two groups, a news item, a knowledge page and an event. */
const CONTENT: Record<string, string> = {
  'content/groepen/koffietijd.md': '---\nname: Koffietijd\ndescription: Gezellige dingen delen.\nmoderators: [mod-koffie]\n---\nWelkom.\n',
  'content/groepen/bestuur.md': '---\nname: Bestuur\ndescription: Alleen voor het bestuur.\nmoderators: [mod-koffie]\nopenToAll: false\n---\n',
  'content/nieuws/fietsplan.md': '---\ntitle: Fietsplan\n---\nTekst.\n',
  'content/weten-en-regelen/verlof.mdx': '---\ntitle: Verlof aanvragen\nsummary: Hoe je verlof aanvraagt en wie het goedkeurt.\nowner: anouk-de-vries\nreviewedAt: 2026-01-01\n---\nVraag verlof aan bij je leidinggevende.\n',
  'content/agenda/borrel.md': '---\ntitle: Borrel\n---\nTekst.\n',
};

/** What a request to the API may say. */
export interface CallInit {
  method?: string;
  as?: PersonId;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
}

/** A fresh repository and API; `call` sends a request as a logged-in colleague from the site's own origin. */
export async function startCorpusApi() {
  const repo = makeTempRepo(CONTENT, 'plein-corpus-');
  const people = createPeopleDirectory([
    colleague('anouk-de-vries', 'Anouk de Vries'),
    colleague('bas-bakker', 'Bas Bakker'),
    colleague('mod-koffie', 'Mo de Moderator'),
    colleague('eva-editor', 'Eva Redacteur', true),
  ]);
  const identity = createIdentity({}, people);
  const store = createLocalGitStore({ repoDir: repo });
  const proposals = createLocalProposals({ repoDir: repo });
  const app = createNodeApi({ identity, store, proposals, people });
  const origin = 'http://localhost';

  // Log every colleague in through the real demo login, and keep their session cookies.
  const cookies = new Map<string, string>();
  for (const id of PEOPLE) {
    const res = await app.request('/api/auth/demo', { method: 'POST', headers: { origin, 'content-type': 'application/x-www-form-urlencoded' }, body: `persoon=${id}&terug=/` });
    const cookie = res.headers.get('set-cookie')?.split(';')[0];
    if (res.status !== 303 || !cookie) throw new Error(`demo-login van ${id} mislukt: ${res.status}`);
    cookies.set(id, cookie);
  }

  async function call(path: string, init: CallInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (!headers.has('origin')) headers.set('origin', origin);
    if (init.as) headers.set('cookie', cookies.get(init.as)!);
    let body = init.body;
    if (init.json !== undefined) {
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
      body = JSON.stringify(init.json);
    }
    return app.request(path, { method: init.method ?? 'POST', headers, body });
  }

  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
  /** HEAD and the branches (read from .git, fewer processes) and the working tree status with untracked and ignored files: what "nothing written" means. */
  const snapshot = () => {
    const ref = readFileSync(join(repo, '.git', 'HEAD'), 'utf8').trim().replace(/^ref: /, '');
    const branches = readdirSync(join(repo, '.git', 'refs', 'heads'), { recursive: true }).map(String).sort().join(',');
    return { head: `${readFileSync(join(repo, '.git', ref), 'utf8').trim()} ${branches}`, status: git('status', '--porcelain', '--untracked-files=all', '--ignored') };
  };
  /** Branch names below refs/heads (suggested edits live on voorstel/<ulid>). */
  const branches = () => readdirSync(join(repo, '.git', 'refs', 'heads'), { recursive: true }).map(String).filter((b) => b.includes('/'));
  const readRepoFile = (path: string) => readFileSync(join(repo, path), 'utf8');

  return { app, repo, store, people, identity, branches, call, git, snapshot, readRepoFile, cookies, origin };
}

/** The API as startCorpusApi builds it. */
export type CorpusApi = Awaited<ReturnType<typeof startCorpusApi>>;
