// The vraag van de week is posted at its time, once per occurrence, through the content store and its outbox into a
// real git repository, with an injected clock; a "restart" (a new scheduler on the same state store) posts nothing twice.
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { createContentPaths } from '../content/paths.ts';
import { createLocalGitStore } from '../store/local-git-store.ts';
import { makePeople } from '../../tests/support/posting-api.ts';
import { openTempState } from '../../tests/support/state.ts';
import { makeTempRepo } from '../../tests/support/temp-repo.ts';
import { postDueNudges } from './scheduler.ts';

const stores: { remove(): Promise<void> }[] = [];
afterAll(() => Promise.all(stores.map((s) => s.remove())));

const git = (repo: string, ...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
const eva = { id: 'eva-editor', name: 'Eva Redacteur', email: 'eva@wadvoort.nl' };

async function setUp() {
  const state = await openTempState();
  stores.push(state);
  const repo = makeTempRepo({ 'content/groepen/koffietijd.md': '---\nname: Koffietijd\ndescription: Gezellig.\nmoderators: [eva-editor]\n---\n' }, 'plein-vraag-');
  const store = createLocalGitStore({ repoDir: repo, state, waitForCommit: true });
  const clock = { now: new Date('2026-12-07T08:00:00Z') };
  const deps = { nudges: state.nudges, store, paths: createContentPaths(), people: makePeople(), now: () => clock.now };
  return { state, repo, clock, deps };
}

describe('the vraag van de week scheduler', () => {
  it('posts at the set time under the editor, once per occurrence, also after a restart; next week again', async () => {
    const { state, repo, clock, deps } = await setUp();
    // Saved on Monday 09:00 for Monday 09:30 (Amsterdam).
    await state.nudges.save({ id: '01kvraag000000000000000001', text: 'Wat was **jouw** mooiste moment deze week?', weekday: 1, time: '09:30', enabled: true, author: eva }, clock.now.getTime());
    const commits = () => Number(git(repo, 'rev-list', '--count', 'HEAD'));
    const before = commits();
    clock.now = new Date('2026-12-07T08:29:59Z');
    expect(await postDueNudges(deps)).toEqual([]);

    clock.now = new Date('2026-12-07T08:30:05Z');
    const [id] = await postDueNudges(deps);
    expect(id).toMatch(/^[0-9a-hjkmnp-tv-z]{26}$/);
    expect(commits()).toBe(before + 1);
    const file = git(repo, 'show', `HEAD:${createContentPaths().post(id)}`);
    expect(file).toContain('author: eva-editor');
    expect(file).toContain('created: "2026-12-07T08:30:05.000Z"');
    expect(file).toContain('Wat was **jouw** mooiste moment deze week?');
    expect(file).not.toContain('group:');
    expect(git(repo, 'log', '-1', '--format=%an <%ae>|%s|%b')).toMatch(/^Eva Redacteur <eva@wadvoort\.nl>\|Bericht van Eva Redacteur\|[\s\S]*Plein-Vraag-van-de-week: 01kvraag000000000000000001 2026-12-07T08:30:00\.000Z/);

    // The same round again, and a "restarted" scheduler (new deps on the same state store): nothing more.
    expect(await postDueNudges(deps)).toEqual([]);
    const restarted = { ...deps, store: createLocalGitStore({ repoDir: repo, state, waitForCommit: true }) };
    clock.now = new Date('2026-12-07T09:00:00Z');
    expect(await postDueNudges(restarted)).toEqual([]);
    expect(commits()).toBe(before + 1);

    clock.now = new Date('2026-12-14T08:31:00Z');
    expect(await postDueNudges(restarted)).toHaveLength(1);
    expect(commits()).toBe(before + 2);
  });

  it('two servers at the same moment post one; switched off, or missed by more than six hours, nothing is posted', async () => {
    const { state, repo, clock, deps } = await setUp();
    await state.nudges.save({ id: '01kvraag000000000000000002', text: 'Welke tip heb jij voor nieuwe collega’s?', weekday: 1, time: '09:30', enabled: true, author: eva }, clock.now.getTime());
    clock.now = new Date('2026-12-07T08:31:00Z');
    const both = await Promise.all([postDueNudges(deps), postDueNudges(deps)]);
    expect(both.flat()).toHaveLength(1);

    await state.nudges.save({ id: '01kvraag000000000000000002', text: 'Uit', weekday: 1, time: '09:30', enabled: false, author: eva }, clock.now.getTime());
    clock.now = new Date('2026-12-14T08:31:00Z');
    expect(await postDueNudges(deps)).toEqual([]);

    await state.nudges.save({ id: '01kvraag000000000000000002', text: 'Weer aan', weekday: 1, time: '09:30', enabled: true, author: eva }, clock.now.getTime());
    const count = git(repo, 'rev-list', '--count', 'HEAD');
    // The server was down from Monday morning until the evening of 21 December: that occurrence is skipped.
    clock.now = new Date('2026-12-21T18:00:00Z');
    expect(await postDueNudges(deps)).toEqual([]);
    expect(git(repo, 'rev-list', '--count', 'HEAD')).toBe(count);
    expect((await state.nudges.get('01kvraag000000000000000002'))?.lastSlot).toBe(Date.parse('2026-12-21T08:30:00Z'));
  });
});
