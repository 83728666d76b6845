// What the e2e tests expect, derived from the demo content with the same rules the build uses, at the build's "now":
// PLEIN_BUILD_TIME, which `npm test` pins for the demo build and the Playwright run alike (scripts/test-all.ts).
// Run by hand, build and test with the same value, or the expectations and the pages disagree.
import { join } from 'node:path';
import { getBuildTime, isPublished } from '../../src/lib/dates.ts';
import { validateContent, type CheckedEntry } from '../../src/lib/validate-content.ts';

const root = join(import.meta.dirname, '../../content');
const { entries, problems } = validateContent(root);
if (problems.some((p) => p.severity === 'error')) throw new Error(`demo content is invalid: ${problems[0].file}`);

type Data = Record<string, any>;
const list = (m: Map<string, CheckedEntry>) => [...m.values()].map((e) => ({ id: e.id, file: e.file, body: e.body, data: e.data as Data }));
const now = getBuildTime();

/** The demo organisation as the tests see it. */
export const demo = {
  settings: entries.instellingen.get('site')!.data as Data,
  allNews: list(entries.nieuws),
  news: list(entries.nieuws)
    .filter((n) => isPublished(n.data, now))
    .sort((a, b) => b.data.date - a.data.date),
  hiddenNews: list(entries.nieuws).filter((n) => !isPublished(n.data, now)),
  pages: list(entries.kennis).filter((p) => !p.data.draft),
  sections: list(entries.secties),
  groups: list(entries.groepen),
  posts: list(entries.berichten)
    .filter((p) => !p.data.hidden)
    .sort((a, b) => b.data.created - a.data.created),
  comments: list(entries.reacties),
  people: list(entries.collegas),
  departments: list(entries.afdelingen),
  events: list(entries.agenda).filter((e) => !e.data.draft),
  now,
};

/** Name of a colleague by id. */
export function personName(id: string): string {
  return demo.people.find((p) => p.id === id)?.data.name ?? id;
}

/** One URL per page template, for the checks that run on every template. */
export function templateUrls(): Record<string, string> {
  const mdxPage = demo.pages.find((p) => p.file.endsWith('.mdx'))!;
  const post = demo.posts[0];
  // The event template with its most parts: one that takes sign-ups, when the demo has one.
  const event = demo.events.find((e) => e.data.signup) ?? demo.events[0];
  return {
    home: '/',
    'news list': '/nieuws/',
    'news category': `/nieuws/categorie/${demo.news[0].data.category}/`,
    'news article': `/nieuws/${demo.news[0].id}/`,
    'knowledge index': '/weten-en-regelen/',
    'knowledge section': `/weten-en-regelen/${demo.sections[0].id}/`,
    'knowledge page': `/weten-en-regelen/${mdxPage.id}/`,
    groups: '/groepen/',
    group: `/groepen/${demo.groups[0].id}/`,
    // The shell of a private group: for anyone not a member (here: not logged in) it says the group does not exist.
    'private group': '/groepen/prive/?id=p-01jzzzzzzzzzzzzzzzzzzzzzzz',
    timeline: '/tijdlijn/',
    post: `/berichten/${post.id}/`,
    colleagues: '/collegas/',
    'colleagues by department': `/collegas/afdeling/${demo.departments[0].id}/`,
    profile: `/collegas/${demo.people[0].id}/`,
    departments: '/afdelingen/',
    department: `/afdelingen/${demo.departments[0].id}/`,
    agenda: '/agenda/',
    event: `/agenda/${event.id}/`,
    search: '/zoeken/?q=verlof',
    'not found': '/deze-pagina-bestaat-niet/',
    dashboards: '/beheer/',
    'freshness dashboard': '/beheer/actualiteit/',
    'usage dashboard': '/beheer/gebruik/',
    'group proposals': '/beheer/groepsvoorstellen/',
    // Personal pages: static shells the browser fills after login (logged out: a login prompt).
    notifications: '/meldingen/',
    'notification settings': '/meldingen/instellingen/',
  };
}
