import { afterAll, describe, expect, it } from 'vitest';
import { createContentPaths } from '../content/paths.ts';
import { createUlid } from '../lib/ulid.ts';
import type { StateStore } from '../state/store.ts';
import { makePeople } from '../../tests/support/posting-api.ts';
import { openTempState } from '../../tests/support/state.ts';
import { createFanout } from './fanout.ts';

const stores: { remove(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(stores.splice(0).map((s) => s.remove()));
});

const paths = createContentPaths();
const files = new Map<string, string>([
  ['content/groepen/koffietijd.md', '---\nname: Koffietijd\ndescription: Gezellige dingen delen.\nmoderators: [mod-koffie]\n---\n'],
  ['content/weten-en-regelen/ict/wachtwoord.md', '---\ntitle: Wachtwoord wijzigen\nowner: ict\n---\nZo doe je dat.\n'],
  ['content/afdelingen/ict.yml', 'name: ICT\nmanager: bas-bakker\n'],
]);
let clock = Date.UTC(2026, 11, 6, 9);

async function setUp() {
  const state = await openTempState();
  stores.push(state);
  const fanout = createFanout({ notifications: state.notifications, privateGroups: state.privateGroups, store: { read: async (p) => files.get(p) }, people: makePeople(), paths, now: () => clock });
  return { state, fanout };
}

/** Commits one content file through the outbox, as the flusher would; gives its id. */
async function commit(state: StateStore, kind: 'bericht' | 'reactie', front: string, body: string, id = createUlid((clock += 1000))): Promise<string> {
  const path = kind === 'bericht' ? paths.post(id) : paths.comment(id);
  const content = `---\n${front}\n---\n${body}\n`;
  files.set(path, content);
  const [entry] = await state.outbox.append([{ writes: [{ path, content }], message: 'test', author: { name: 'x', email: 'x@x' } }]);
  await state.outbox.markCommitted([entry.id], `sha-${entry.seq}`);
  return id;
}

const inbox = async (state: StateStore, person: string) => (await state.notifications.inbox(person)).map((n) => `${n.kind}:${n.target.type}:${n.target.id}${n.text === null ? ':-' : ''}`);

describe('fan-out over the outbox and private groups', () => {
  it('tells members, followers, the mentioned, the post author and the page owner once, the most personal way, never about history or themselves', async () => {
    const { state, fanout } = await setUp();
    const before = await commit(state, 'bericht', 'author: mod-koffie\ngroup: koffietijd\ncreated: 2026-12-06T09:00:00Z', 'Van voor de start');
    // The first run starts after what exists: nothing of before is announced.
    expect(await fanout.runOnce()).toBe(0);
    const start = (await state.notifications.cursor('meldingen'))!;
    await state.memberships.join('koffietijd', 'anouk-de-vries', 'lid', clock);
    await state.memberships.join('koffietijd', 'eva-editor', 'lid', clock);
    await state.notifications.follow('eva-editor', { type: 'groep', id: 'koffietijd' }, false, { now: clock });

    const post = await commit(state, 'bericht', 'author: mod-koffie\ngroup: koffietijd\ncreated: 2026-12-06T09:01:00Z', 'Taart bij de koffie! @bas-bakker kom ook.');
    expect(await fanout.runOnce()).toBe(2);
    expect(await inbox(state, 'anouk-de-vries')).toEqual([`nieuw-in-groep:bericht:${post}`]);
    expect(await inbox(state, 'bas-bakker')).toEqual([`vermelding:bericht:${post}`]);
    expect(await inbox(state, 'eva-editor')).toEqual([]); // a member who stopped following
    expect(await inbox(state, 'mod-koffie')).toEqual([]);

    const c1 = await commit(state, 'reactie', `author: anouk-de-vries\non: { type: bericht, id: ${post} }\ncreated: 2026-12-06T09:02:00Z`, 'Lekker!');
    const c2 = await commit(state, 'reactie', `author: bas-bakker\non: { type: bericht, id: ${post} }\ncreated: 2026-12-06T09:03:00Z`, 'Ik kom, @anouk-de-vries ook?');
    const onPage = await commit(state, 'reactie', 'author: anouk-de-vries\non: { type: kennis, id: ict/wachtwoord }\ncreated: 2026-12-06T09:04:00Z', 'Klopt stap 3 nog?');
    await fanout.runOnce();
    // The post's author hears of both comments; Anouk (who commented, so follows it) is mentioned in the second.
    expect(await inbox(state, 'mod-koffie')).toEqual([`reactie-op-bericht:bericht:${post}`, `reactie-op-bericht:bericht:${post}`]);
    expect((await inbox(state, 'anouk-de-vries'))[0]).toBe(`vermelding:bericht:${post}`);
    // Bas followed nothing but is the ICT department's manager, which owns the page.
    expect((await inbox(state, 'bas-bakker'))[0]).toBe('reactie-op-pagina:kennis:ict/wachtwoord');
    const mine = await state.notifications.inbox('bas-bakker');
    expect(mine[0]).toMatchObject({ url: `/weten-en-regelen/ict/wachtwoord/#reactie-${onPage}`, title: 'Wachtwoord wijzigen', text: 'Klopt stap 3 nog?' });
    expect(c1 && c2 && before).toBeTruthy();

    // Running again over the same events (a crash before the cursor moved) tells nobody twice.
    const count = async () => (await state.db.selectFrom('notifications').selectAll().execute()).length;
    const written = await count();
    await state.notifications.moveCursor('meldingen', start.seq);
    await fanout.runOnce();
    expect(await count()).toBe(written);

    // A moderator hides the post: its author is told why.
    files.set(paths.post(post), '');
    await commit(state, 'bericht', 'author: mod-koffie\ngroup: koffietijd\ncreated: 2026-12-06T09:01:00Z\nhidden: { by: eva-editor, at: 2026-12-06T10:00:00Z, reason: Dubbel geplaatst }', 'Taart', post);
    await fanout.runOnce();
    expect((await state.notifications.inbox('mod-koffie'))[0]).toMatchObject({ kind: 'verborgen', actor: 'eva-editor', text: 'Dubbel geplaatst' });
  });

  it('writes the automatic follows of a batch in one transaction, each counting from its own item’s time', async () => {
    const { state, fanout } = await setUp();
    await fanout.runOnce();
    const post = await commit(state, 'bericht', 'author: mod-koffie\ncreated: 2026-12-06T09:01:00Z', 'Wie lust er soep?');
    const on = `on: { type: bericht, id: ${post} }`;
    await commit(state, 'reactie', `author: anouk-de-vries\n${on}\ncreated: 2026-12-06T09:02:00Z`, 'Ik!');
    await commit(state, 'reactie', `author: bas-bakker\n${on}\ncreated: 2026-12-06T09:03:00Z`, 'Ik ook.');
    await commit(state, 'reactie', `author: eva-editor\n${on}\ncreated: 2026-12-06T09:04:00Z`, 'En ik.');
    const calls: number[] = [];
    const followAuto = state.notifications.followAuto;
    state.notifications.followAuto = (rows, now) => (calls.push(rows.length), followAuto(rows, now));
    await fanout.runOnce();
    expect(calls).toEqual([4]);
    const follows = await state.db.selectFrom('follows').select(['person', 'created_at']).where('target_id', '=', post).orderBy('created_at').execute();
    expect(follows.map((f) => [f.person, new Date(Number(f.created_at)).toISOString().slice(11, 16)])).toEqual([
      ['mod-koffie', '09:01'], ['anouk-de-vries', '09:02'], ['bas-bakker', '09:03'], ['eva-editor', '09:04'],
    ]);
    // Whoever commented hears of the later comments only; the post's author of all three.
    expect(await inbox(state, 'mod-koffie')).toHaveLength(3);
    expect(await inbox(state, 'anouk-de-vries')).toEqual([`reactie-gevolgd:bericht:${post}`, `reactie-gevolgd:bericht:${post}`]);
    expect(await inbox(state, 'bas-bakker')).toEqual([`reactie-gevolgd:bericht:${post}`]);
    expect(await inbox(state, 'eva-editor')).toEqual([]);
  });

  it('follows settings (off is off) and tells private groups’ members without a word of the post', async () => {
    const { state, fanout } = await setUp();
    await fanout.runOnce();
    await state.memberships.join('koffietijd', 'anouk-de-vries', 'lid', clock);
    const settings = await state.notifications.settings('anouk-de-vries');
    settings.soorten['nieuw-in-groep'] = { plein: false, email: false, push: false };
    await state.notifications.saveSettings('anouk-de-vries', settings);
    await commit(state, 'bericht', 'author: bas-bakker\ngroup: koffietijd\ncreated: 2026-12-06T11:00:00Z', 'Niemand hoort dit');
    expect(await fanout.runOnce()).toBe(0);

    await state.privateGroups.propose({ id: '01JAAAAAAAAAAAAAAAAAAAAAAA', proposer: 'bas-bakker', name: 'Vertrouwelijk', description: 'Geheim overleg.', kind: 'prive', now: 1 });
    await state.privateGroups.approve('01JAAAAAAAAAAAAAAAAAAAAAAA', 'eva-editor', 'p-01jaaaaaaaaaaaaaaaaaaaaaaa', 2);
    await state.privateGroups.invite('p-01jaaaaaaaaaaaaaaaaaaaaaaa', 'mod-koffie', 'bas-bakker', 3);
    await state.privateGroups.accept('p-01jaaaaaaaaaaaaaaaaaaaaaaa', 'mod-koffie');
    await state.privateGroups.addPost({ id: createUlid(clock), groupId: 'p-01jaaaaaaaaaaaaaaaaaaaaaaa', author: 'bas-bakker', body: 'Het geheime plan', now: (clock += 1000), photos: [] });
    expect(await fanout.runOnce()).toBe(1);
    const [n] = await state.notifications.inbox('mod-koffie');
    expect(n).toMatchObject({ kind: 'nieuw-in-groep', title: 'Vertrouwelijk', text: null, url: '/groepen/prive/?id=p-01jaaaaaaaaaaaaaaaaaaaaaaa' });
    expect(JSON.stringify(await state.db.selectFrom('notifications').selectAll().execute())).not.toContain('geheime plan');
    expect(await state.notifications.inbox('bas-bakker')).toEqual([]);
  });
});
