// The post-build check against a real git repository and a real (SQLite) state store: followed pages that changed,
// suggested edits merged or closed (made by the real local proposal store), news marked as a notification.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startPleinServer } from '../hosts/node/plein-server.ts';
import { createGithubClient } from '../store/github/github-config.ts';
import { createGithubProposals } from '../store/github/github-proposals.ts';
import { createLocalProposals } from '../store/local-proposals.ts';
import { startGithubStandin } from '../../tests/support/github-standin/server.ts';
import { makePeople, PEOPLE } from '../../tests/support/posting-api.ts';
import { openTempState } from '../../tests/support/state.ts';
import { makeTempRepo } from '../../tests/support/temp-repo.ts';
import { audienceMembers } from './audience.ts';
import { announcePublished, createPublishedCheck, PUBLISHED_CURSOR } from './published.ts';
import { groupNotifications } from './routes.ts';

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const page = (title: string, extra = '') => `---\ntitle: ${title}\nsummary: Een pagina om te testen hoe meldingen werken.\nowner: hr\nreviewedAt: 2026-01-10\n${extra}---\nTekst.\n`;
const news = (title: string, extra = '') => `---\ntitle: ${title}\nsummary: Een nieuwsbericht om te testen.\ndate: 2026-12-01\nauthor: bas-bakker\ncategory: ict\n${extra}---\nTekst.\n`;
const HOUR = 60 * 60 * 1000;
/**
 * When the follow tests' builds run: after the real clock, as a follow counts from when it was made (stored at the
 * real time) and a build sees the followers as of its own time; builds at fixed dates stopped seeing them once those
 * dates had passed.
 */
const LATER = Date.now() + HOUR;

async function setUp() {
  const repo = makeTempRepo({
    'content/weten-en-regelen/hr/verlof.mdx': page('Verlof aanvragen'),
    'content/weten-en-regelen/ict/wachtwoord.md': page('Wachtwoord wijzigen'),
    'content/weten-en-regelen/hr/concept.md': page('Nog niet af', 'draft: true\n'),
    'content/weten-en-regelen/hr/weg.md': page('Oude regeling'),
    'content/nieuws/oud.md': news('Oud nieuws', 'melding: true\n'),
  }, 'plein-gepubliceerd-');
  cleanups.push(() => rmSync(repo, { recursive: true, force: true }));
  const state = await openTempState();
  cleanups.push(() => state.remove());
  let clock = Date.UTC(2026, 11, 7, 9);
  const deps = { repoDir: repo, contentDir: join(repo, 'content'), people: makePeople(), notifications: state.notifications, now: () => (clock += 1000) };
  const git = (args: string[], as = { name: 'Test', email: 'test@example.invalid' }) =>
    execFileSync('git', args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GIT_AUTHOR_NAME: as.name, GIT_AUTHOR_EMAIL: as.email, GIT_COMMITTER_NAME: as.name, GIT_COMMITTER_EMAIL: as.email } }).trim();
  const write = (files: Record<string, string | null>, message: string, as?: { name: string; email: string }) => {
    for (const [path, text] of Object.entries(files)) {
      if (text === null) git(['rm', '--quiet', path]);
      else {
        mkdirSync(dirname(join(repo, path)), { recursive: true });
        writeFileSync(join(repo, path), text);
        git(['add', path]);
      }
    }
    git(['commit', '--quiet', '-m', message], as);
    return git(['rev-parse', 'HEAD']);
  };
  /** A build of HEAD (or `commit`) at `at`. */
  const built = (at: number, commit = git(['rev-parse', 'HEAD'])) => announcePublished(deps, { commit, at });
  const inbox = async (person: string) => (await state.notifications.inbox(person)).map((n) => `${n.kind}:${n.target.id}${n.text ? `:${n.text}` : ''}`);
  const count = async () => (await state.db.selectFrom('notifications').selectAll().execute()).length;
  return { repo, state, deps, git, write, built, inbox, count, tick: () => (clock += HOUR) };
}

describe('after the build: changed pages that someone follows', () => {
  it('the first run announces nothing; then followers hear of a published change once, never of drafts, deleted or unfollowed pages, nor of their own change', async () => {
    const { state, write, built, inbox, count, git } = await setUp();
    const start = LATER;
    const follow = (person: string, id: string, on = true) => state.notifications.follow(person, { type: 'kennis', id }, on);
    await follow('anouk-de-vries', 'hr/verlof');
    await follow('eva-editor', 'hr/verlof');
    await follow('eva-editor', 'hr/concept');
    await follow('mod-koffie', 'hr/weg');
    await follow('bas-bakker', 'ict/wachtwoord');
    await follow('bas-bakker', 'ict/wachtwoord', false);
    write({ 'content/weten-en-regelen/hr/verlof.mdx': page('Verlof aanvragen', 'order: 2\n') }, 'Van voor de eerste keer');

    // The first run ever: the commit is recorded, nothing of the history is announced.
    expect(await built(start)).toMatchObject({ first: true, notified: 0 });
    expect((await state.notifications.cursor(PUBLISHED_CURSOR))?.mark).toBe(git(['rev-parse', 'HEAD']));

    const before = git(['rev-parse', 'HEAD']);
    const eva = { name: 'Eva Redacteur', email: 'EVA@wadvoort.nl' };
    const changed = write({
      'content/weten-en-regelen/hr/verlof.mdx': page('Verlof aanvragen', 'order: 3\n'),
      'content/weten-en-regelen/hr/concept.md': page('Nog niet af', 'draft: true\norder: 4\n'),
      'content/weten-en-regelen/ict/wachtwoord.md': page('Wachtwoord wijzigen', 'order: 5\n'),
      'content/weten-en-regelen/hr/weg.md': null,
      'README.md': 'anders\n',
    }, 'Pagina’s bijgewerkt', eva);
    const result = await built(start + HOUR);
    expect(result).toMatchObject({ first: false, pages: 1, notified: 1 });
    expect(await inbox('anouk-de-vries')).toEqual(['pagina-gewijzigd:hr/verlof']);
    const [n] = await state.notifications.inbox('anouk-de-vries');
    expect(n).toMatchObject({ actor: 'eva-editor', title: 'Verlof aanvragen', url: '/weten-en-regelen/hr/verlof/', text: null });
    // Eva made the change; the draft, the deleted page and the page Bas stopped following tell nobody.
    for (const person of ['eva-editor', 'mod-koffie', 'bas-bakker']) expect(await inbox(person)).toEqual([]);

    // A rerun over the same commits (a crash before the cursor moved, a second server) tells nobody twice.
    await state.notifications.moveCursor(PUBLISHED_CURSOR, start, before);
    await built(start + HOUR, changed);
    expect(await count()).toBe(1);

    // Changed again by someone who is no colleague: no actor; the list groups both.
    write({ 'content/weten-en-regelen/hr/verlof.mdx': page('Verlof aanvragen', 'order: 6\n') }, 'Nog eens', { name: 'Bot', email: 'bot@elders.invalid' });
    await built(start + 2 * HOUR);
    const mine = await state.notifications.inbox('anouk-de-vries');
    expect(mine.map((m) => m.actor)).toEqual([null, 'eva-editor']);
    expect(groupNotifications(mine, () => 'x').map((v) => v.tekst)).toEqual(['De pagina ‘Verlof aanvragen’ die je volgt is 2 keer bijgewerkt']);
    // The same build again: the commit is the cursor's, nothing to do.
    expect(await built(start + 3 * HOUR)).toMatchObject({ pages: 0, notified: 0 });
  });

  it('refuses a build without a full commit hash, and starts afresh (silently) when the last commit is unknown here', async () => {
    const { state, deps, built, count, write } = await setUp();
    await expect(announcePublished(deps, { commit: 'HEAD', at: 1 })).rejects.toThrow(/volledige git-hash/);
    await expect(announcePublished(deps, { commit: 'a'.repeat(40), at: Number.NaN })).rejects.toThrow(/tijdstip/);
    await expect(announcePublished({ ...deps, contentDir: '/elders' }, { commit: 'a'.repeat(40), at: 1 })).rejects.toThrow(/niet in de repository/);
    await state.notifications.follow('anouk-de-vries', { type: 'kennis', id: 'hr/verlof' }, true);
    await state.notifications.moveCursor(PUBLISHED_CURSOR, 1, 'b'.repeat(40));
    write({ 'content/weten-en-regelen/hr/verlof.mdx': page('Verlof aanvragen', 'order: 9\n') }, 'Wijziging');
    expect(await built(LATER)).toMatchObject({ first: true, notified: 0 });
    expect(await count()).toBe(0);
  });

  it('on the server: a failing check warns by the error’s kind only, and the next build covers the same commits', async () => {
    const { state, deps, write, inbox } = await setUp();
    const warnings: string[] = [];
    const check = createPublishedCheck(deps, (m) => warnings.push(m));
    await check.after({ commit: await check.headOf(), at: LATER });
    await state.notifications.follow('anouk-de-vries', { type: 'kennis', id: 'hr/verlof' }, true);
    write({ 'content/weten-en-regelen/hr/verlof.mdx': page('Verlof aanvragen', 'order: 9\n') }, 'Wijziging');
    const broken = createPublishedCheck({ ...deps, repoDir: join(deps.repoDir, 'content', 'nieuws') }, (m) => warnings.push(m));
    await broken.after({ commit: 'c'.repeat(40), at: LATER + HOUR });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/mislukt; de volgende build probeert het opnieuw \(Error\)\.$/);
    expect(warnings[0]).not.toContain(deps.repoDir);
    await check.after({ commit: await check.headOf(), at: LATER + 2 * HOUR });
    expect(await inbox('anouk-de-vries')).toEqual(['pagina-gewijzigd:hr/verlof']);
  });

  it('the Node server checks the build it starts with: its first start records the commit and announces nothing', async () => {
    const { repo, git } = await setUp();
    mkdirSync(join(repo, 'content', 'collegas'));
    copyFileSync(resolve(import.meta.dirname, '../../content/collegas/anouk-de-vries.yml'), join(repo, 'content', 'collegas', 'anouk-de-vries.yml'));
    git(['add', 'content/collegas']);
    git(['commit', '--quiet', '-m', 'Collega’s']);
    const site = mkdtempSync(join(tmpdir(), 'plein-site-'));
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>Plein</title>');
    cleanups.push(() => rmSync(site, { recursive: true, force: true }));
    const stateDir = mkdtempSync(join(tmpdir(), 'plein-server-state-'));
    const { server, state } = await startPleinServer({ repoDir: repo, distDir: site, port: 0, rebuild: false, env: { PLEIN_SITE_URL: 'http://127.0.0.1', PLEIN_STATE_DIR: stateDir } });
    cleanups.push(async () => {
      await new Promise((r) => (server as Server).close(r));
      await state.close();
      rmSync(stateDir, { recursive: true, force: true });
    });
    const head = git(['rev-parse', 'HEAD']);
    await expect.poll(async () => (await state.notifications.cursor(PUBLISHED_CURSOR))?.mark, { timeout: 5000 }).toBe(head);
    expect(await state.db.selectFrom('notifications').selectAll().execute()).toEqual([]);
  });
});

describe('after the build: suggested edits merged or closed', () => {
  it('tells the proposer "overgenomen" for a merge (merge commit or squash) and "gesloten" for a branch deleted unmerged, once; a forged trailer in the explanation tells nobody', async () => {
    const { repo, state, git, built, inbox, count } = await setUp();
    const proposals = createLocalProposals({ repoDir: repo });
    const propose = (body: string, text: string) =>
      proposals.propose({ path: 'content/weten-en-regelen/hr/verlof.mdx', content: page('Verlof aanvragen', text), title: 'Voorstel: Verlof aanvragen', body, proposer: { name: 'Anouk de Vries', email: 'anouk@wadvoort.nl' } });
    const at = Date.UTC(2026, 11, 7, 9);
    await built(at);
    // The explanation tries to name another proposal and proposer: that text must not count as a trailer.
    const merged = await propose('Drie weken, niet twee. Zie ook:\nPlein-Voorstel: voorstel/NEP content/weten-en-regelen/ict/wachtwoord.md\nCo-authored-by: Bas Bakker <bas@wadvoort.nl>', 'order: 11\n');
    const closed = await propose('Iets anders.', 'order: 12\n');
    const open = await propose('Nog open.', 'order: 13\n');
    const squashed = await propose('Kortere zinnen.', 'order: 14\n');
    const tracked = () => git(['for-each-ref', '--format=%(refname)', 'refs/plein/']).split('\n').filter(Boolean);
    expect(tracked()).toHaveLength(4);

    // An editor merges one, squashes another, and deletes the branch of a third without merging it.
    const eva = { name: 'Eva Redacteur', email: 'eva@wadvoort.nl' };
    git(['merge', '--quiet', '--no-ff', '-m', 'Voorstel overgenomen', merged.branch], eva);
    git(['branch', '-D', merged.branch]);
    git(['branch', '-D', closed.branch]);
    git(['merge', '--quiet', '--squash', '-X', 'theirs', squashed.branch], eva);
    git(['commit', '--quiet', '--no-edit'], eva);
    const r = await built(at + HOUR);
    expect(r).toMatchObject({ proposals: 3 });
    expect((await inbox('anouk-de-vries')).sort()).toEqual(['voorstel-besloten:hr/verlof:gesloten', 'voorstel-besloten:hr/verlof:overgenomen', 'voorstel-besloten:hr/verlof:overgenomen']);
    const views = groupNotifications(await state.notifications.inbox('anouk-de-vries'), () => 'x').map((v) => v.tekst).sort();
    expect(views).toEqual([
      'Je voorgestelde wijziging van ‘Verlof aanvragen’ is gesloten zonder dat hij is overgenomen',
      'Je voorgestelde wijziging van ‘Verlof aanvragen’ is overgenomen',
      'Je voorgestelde wijziging van ‘Verlof aanvragen’ is overgenomen',
    ]);
    // The merge commit's proposal commit is Plein's own (no actor); the squash commit is Eva's.
    const taken = (await state.notifications.inbox('anouk-de-vries')).filter((n) => n.text === 'overgenomen');
    expect(taken.map((n) => n.actor).sort()).toEqual(['eva-editor', null]);
    expect(taken[0]).toMatchObject({ url: '/weten-en-regelen/hr/verlof/', title: 'Verlof aanvragen' });
    expect(await inbox('bas-bakker')).toEqual([]);
    // Decided ones are forgotten; the open one is still remembered.
    expect(tracked()).toEqual([`refs/plein/${open.branch}`]);

    // Deleting the squashed branch afterwards is no closing; a rerun of the same commits repeats nothing.
    git(['branch', '-D', squashed.branch]);
    const written = await count();
    await built(at + 2 * HOUR);
    expect(await count()).toBe(written);

    // Merged after the build started and deleted before its check: not "gesloten"; the next build says "overgenomen".
    const late = await propose('Later.', 'order: 15\n');
    await built(at + 3 * HOUR);
    const buildCommit = git(['rev-parse', 'HEAD']);
    git(['merge', '--quiet', '--no-ff', '-X', 'theirs', '-m', 'Later overgenomen', late.branch], eva);
    git(['branch', '-D', late.branch]);
    await built(at + 4 * HOUR, buildCommit);
    expect(await count()).toBe(written);
    await built(at + 5 * HOUR);
    expect(await count()).toBe(written + 1);
    expect((await inbox('anouk-de-vries')).filter((n) => n.endsWith(':overgenomen'))).toHaveLength(3);
  });
});

describe('after the build: suggested edits closed on GitHub', () => {
  it('asks GitHub once per check for pull requests closed unmerged since the last one, and tells their proposers once', async () => {
    const { state, deps, inbox, count } = await setUp();
    const token = 'ghp_gepubliceerd0123456789';
    const gh = await startGithubStandin({ tokens: [token], files: { 'content/weten-en-regelen/hr/verlof.mdx': page('Verlof aanvragen') } });
    cleanups.push(() => gh.close());
    const config = { owner: gh.owner, repo: gh.repo, branch: gh.branch, baseUrl: gh.baseUrl, auth: { token } };
    const proposals = createGithubProposals({ config, client: createGithubClient(config, { minWriteIntervalMs: 0, retryAfterBaseMs: 20, warn: () => {} }), warn: () => {} });
    const propose = () => proposals.propose({ path: 'content/weten-en-regelen/hr/verlof.mdx', content: page('Verlof aanvragen', 'order: 2\n'), title: 'Voorstel: Verlof aanvragen', body: 'Uitleg.', proposer: { name: 'Anouk de Vries', email: 'anouk@wadvoort.nl' } });
    const withGithub = { ...deps, closedProposals: (since: number) => proposals.closedSince!(since) };
    const at = Date.UTC(2026, 11, 7, 9);
    const [before, closed] = [await propose(), await propose()];
    await gh.closePull(before.number!, { at: new Date(at - HOUR) });
    await announcePublished(withGithub, { commit: (await createPublishedCheck(deps).headOf())!, at });
    await gh.closePull(closed.number!, { at: new Date(at + 10 * 60 * 1000) });
    const requests = gh.stats.requests;
    await announcePublished(withGithub, { commit: (await createPublishedCheck(deps).headOf())!, at: at + HOUR });
    expect(await inbox('anouk-de-vries')).toEqual(['voorstel-besloten:hr/verlof:gesloten']);
    expect(gh.stats.requests - requests).toBe(2); // the list, and the one closed pull request's commit
    // Closed before the first check: history, not announced. Asked again (a rerun): nobody is told twice.
    await state.notifications.moveCursor(PUBLISHED_CURSOR, at, (await createPublishedCheck(deps).headOf())!);
    await announcePublished(withGithub, { commit: (await createPublishedCheck(deps).headOf())!, at: at + HOUR });
    expect(await count()).toBe(1);
  });
});

describe('after the build: news marked as a notification', () => {
  it('reaches everyone but its author once when a build first publishes it — a scheduled item when its time came — never a draft or an unmarked item', async () => {
    const { state, write, built, count } = await setUp();
    const at = Date.UTC(2026, 11, 7, 9);
    await built(at);
    const later = new Date(at + 90 * 60 * 1000).toISOString();
    write({
      'content/nieuws/mfa.md': news('MFA verplicht voor alle accounts', 'melding: true\n'),
      'content/nieuws/gewoon.md': news('Gewoon nieuws'),
      'content/nieuws/concept.md': news('Nog een concept', 'melding: true\ndraft: true\n'),
      'content/nieuws/later.md': news('Nieuw rooster', `melding: true\npublishDate: ${later}\n`),
    }, 'Nieuws');
    expect(await built(at + HOUR)).toMatchObject({ news: 1, notified: 3 });
    for (const person of ['anouk-de-vries', 'mod-koffie', 'eva-editor']) {
      expect((await state.notifications.inbox(person)).map((n) => [n.kind, n.title, n.text, n.url, n.actor])).toEqual([
        ['nieuws-melding', 'MFA verplicht voor alle accounts', 'Een nieuwsbericht om te testen.', '/nieuws/mfa/', 'bas-bakker'],
      ]);
    }
    expect(await state.notifications.inbox('bas-bakker')).toEqual([]);

    // No new commit, but the scheduled item's time passed before this build: now it is published, once.
    expect(await built(at + 2 * HOUR)).toMatchObject({ news: 1, notified: 3 });
    expect((await state.notifications.inbox('anouk-de-vries')).map((n) => n.target.id)).toEqual(['later', 'mfa']);
    expect(await built(at + 3 * HOUR)).toMatchObject({ news: 0 });
    // Editing a published item tells nobody again; someone who turned the kind off hears nothing.
    const settings = await state.notifications.settings('mod-koffie');
    settings.soorten['nieuws-melding'] = { plein: false, email: false, push: false };
    await state.notifications.saveSettings('mod-koffie', settings);
    write({ 'content/nieuws/mfa.md': news('MFA verplicht voor alle accounts', 'melding: true\ntags: [ict]\n'), 'content/nieuws/extra.md': news('Extra', 'melding: true\n') }, 'Meer nieuws');
    const total = await count();
    expect(await built(at + 4 * HOUR)).toMatchObject({ news: 2 });
    expect(await count()).toBe(total + 2);
    expect((await state.notifications.inbox('mod-koffie')).map((n) => n.target.id)).toEqual(['later', 'mfa']);
  });

  it('news with an audience (issue 17) is pushed only to the colleagues in its departments, locations or roles', async () => {
    const { deps, write, built, inbox, count } = await setUp();
    deps.people = makePeople([
      ...PEOPLE.map((p) => (p.id === 'eva-editor' ? { ...p, roles: ['boa'] } : p.id === 'mod-koffie' ? { ...p, workLocation: 'gemeentewerf' } : p)),
      { id: 'hr-chef', name: 'Henk Chef', email: 'henk@wadvoort.nl', department: 'ict', editor: false, roles: ['leidinggevenden'] },
    ]);
    const at = Date.UTC(2026, 11, 7, 9);
    await built(at);
    write({
      'content/nieuws/bodycams.md': news('Bodycams voor boa’s', 'melding: true\naudience:\n  roles: [boa]\n  locations: [gemeentewerf]\n'),
      'content/nieuws/ict-teams.md': news('Nieuw voor leidinggevenden', 'melding: true\naudience:\n  departments: [ict]\n'),
    }, 'Gericht nieuws');
    // bodycams: eva (role boa) and mo (location gemeentewerf); ict-teams: the ict department but its author bas: henk.
    expect(await built(at + HOUR)).toMatchObject({ news: 2, notified: 3 });
    expect(await inbox('eva-editor')).toEqual(['nieuws-melding:bodycams:Een nieuwsbericht om te testen.']);
    expect(await inbox('mod-koffie')).toEqual(['nieuws-melding:bodycams:Een nieuwsbericht om te testen.']);
    expect(await inbox('hr-chef')).toEqual(['nieuws-melding:ict-teams:Een nieuwsbericht om te testen.']);
    expect(await inbox('anouk-de-vries')).toEqual([]);
    expect(await inbox('bas-bakker')).toEqual([]);
    expect(await count()).toBe(3);
  });

  it('an agenda item marked as a notification reaches its audience once, with when and where — not a draft, not one already begun', async () => {
    const { deps, write, built, inbox, count } = await setUp();
    deps.people = makePeople(PEOPLE.map((p) => (p.id === 'eva-editor' ? { ...p, roles: ['buitendienst'] } : p)));
    const at = Date.UTC(2026, 11, 7, 9);
    await built(at);
    const event = (title: string, start: string, extra = '') =>
      `---\ntitle: ${title}\nsummary: Een activiteit om te testen.\nstart: ${start}\nend: 2027-01-14T17:00:00Z\nlocation: Stadhuis\norganiser: hr\n${extra}---\nTekst.\n`;
    write({
      'content/agenda/bhv.md': event('BHV-herhaling', '2027-01-14T14:00:00Z', 'melding: true\naudience:\n  departments: [hr]\n  roles: [buitendienst]\n'),
      'content/agenda/borrel.md': event('Borrel', '2027-01-14T15:00:00Z'),
      'content/agenda/concept.md': event('Concept', '2027-01-14T15:00:00Z', 'melding: true\ndraft: true\n'),
      'content/agenda/geweest.md': event('Al begonnen', '2026-12-07T08:00:00Z', 'melding: true\n'),
    }, 'Agenda');
    // HR (anouk, mo) and the role buitendienst (eva); not bas (ict), not for the unmarked, draft or past items.
    expect(await built(at + HOUR)).toMatchObject({ events: 1, notified: 3 });
    for (const person of ['anouk-de-vries', 'mod-koffie', 'eva-editor']) expect(await inbox(person)).toEqual(['agenda-melding:bhv:donderdag 14 januari 15:00, Stadhuis']);
    expect(await inbox('bas-bakker')).toEqual([]);
    // Changed later (a new time): nobody is told twice.
    write({ 'content/agenda/bhv.md': event('BHV-herhaling', '2027-01-14T14:30:00Z', 'melding: true\naudience:\n  departments: [hr]\n') }, 'Tijd aangepast');
    expect(await built(at + 2 * HOUR)).toMatchObject({ events: 1 });
    expect(await count()).toBe(3);
  });

  it('an audience of departments reaches only their colleagues (the hook issue 17 fills)', () => {
    const people = makePeople();
    expect(audienceMembers('iedereen', people)).toHaveLength(4);
    expect(audienceMembers({ afdelingen: ['hr'] }, people).sort()).toEqual(['anouk-de-vries', 'mod-koffie']);
    expect(audienceMembers({ afdelingen: [] }, people)).toEqual([]);
  });
});
