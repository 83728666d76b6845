// The state-store half of the AVG (issue 19): a coverage test over the migrated SQLite schema (every table is in
// PERSON_STATE or NO_PERSON_STATE, every column that looks like a person reference is covered), and erasure and
// export on SQLite, PostgreSQL and D1 with one row of every kind for two colleagues.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { Miniflare } from 'miniflare';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresSkipReason, startTestPostgres, type TestPostgres } from '../../tests/support/postgres.ts';
import { openStateStore } from '../state/open.ts';
import type { StateStore } from '../state/store.ts';
import type { D1Like } from '../state/types.ts';
import { ERASED_PERSON, ErasureRefusedError, NO_PERSON_STATE, PERSON_STATE, erasePersonState, exportPersonState } from './state-data.ts';

const root = mkdtempSync(join(tmpdir(), 'plein-privacy-'));
let n = 0;
afterAll(() => rmSync(root, { recursive: true, force: true }));
const openSqlite = () => openStateStore({ PLEIN_STATE_DIR: join(root, `db-${++n}`) });

/** Column names that look like a reference to a colleague. */
const PERSONISH = /^(person|persons|author|actor|proposer|reporter|moderator|owner|holder|member|recipient|user|user_id|colleague|editor|organiser|organizer|invited|invitee|email|e_mail)$|_by$|^author_|_person$|^person_|_email$/;

async function tablesAndColumns(store: StateStore): Promise<Map<string, string[]>> {
  const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(store.db);
  const out = new Map<string, string[]>();
  for (const { name } of tables.rows) {
    const cols = await sql<{ name: string }>`select name from pragma_table_info(${name})`.execute(store.db);
    out.set(name, cols.rows.map((c) => c.name));
  }
  return out;
}

describe('privacy registry coverage', () => {
  it('names every table of the migrated schema, and covers every column that looks like a person reference', async () => {
    const store = await openSqlite();
    const schema = await tablesAndColumns(store);
    await store.close();
    const registered = new Map(PERSON_STATE.map((t) => [t.table as string, t]));
    const problems: string[] = [];
    for (const [table, columns] of schema) {
      const person = registered.get(table);
      const none = NO_PERSON_STATE[table];
      if (person && none) problems.push(`${table}: in both PERSON_STATE and NO_PERSON_STATE`);
      if (!person && !none) {
        problems.push(`${table}: in neither PERSON_STATE nor NO_PERSON_STATE (functions/privacy/state-data.ts)`);
        continue;
      }
      for (const column of columns) {
        if (!PERSONISH.test(column)) continue;
        const covered = person ? column in person.columns || column in (person.notPerson ?? {}) : column in (none!.notPerson ?? {});
        if (!covered) problems.push(`${table}.${column}: looks like a person reference but erasure/export does not cover it`);
      }
    }
    for (const table of [...registered.keys(), ...Object.keys(NO_PERSON_STATE)]) if (!schema.has(table)) problems.push(`${table}: listed but not in the schema`);
    for (const entry of PERSON_STATE) {
      for (const column of [...Object.keys(entry.columns), ...(entry.mentions ?? [])]) {
        if (!schema.get(entry.table)?.includes(column)) problems.push(`${entry.table}.${column}: listed but not a column`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('the coverage check itself catches an unlisted table and an uncovered person column', async () => {
    const store = await openSqlite();
    await sql`create table kudos (id text, giver_person text)`.execute(store.db);
    const schema = await tablesAndColumns(store);
    await store.close();
    expect(schema.has('kudos') && !PERSON_STATE.some((t) => t.table === ('kudos' as never)) && !NO_PERSON_STATE.kudos).toBe(true);
    expect(schema.get('kudos')!.filter((c) => PERSONISH.test(c))).toEqual(['giver_person']);
  });
});

const X = 'xander-xenos';
const Y = 'yara-yilmaz';
/** Their names and e-mail addresses: free text often names a colleague by these, not by the id. */
const KNOWN: Record<string, { name: string; email: string }> = {
  [X]: { name: 'Xander Xenos', email: 'x.xenos@gemeente.example' },
  [Y]: { name: 'Yara Yilmaz', email: 'y.yilmaz@gemeente.example' },
};

/** One row of every kind for `p`; `o` is another colleague where a row names one (who let them in, who acted). */
async function seed(state: StateStore, p: string, o: string, at: number): Promise<void> {
  const db = state.db as unknown as Kysely<any>;
  const post = `pp${at}`;
  const change = JSON.stringify({ message: 'Bericht', author: KNOWN[p], writes: [{ path: `content/berichten/2026/12/b${at}.md`, text: `---\nauthor: ${p}\n---\nHallo` }] });
  // A change by p that names them only as its commit author (e.g. a moderator hiding someone else's post).
  const byEmailOnly = JSON.stringify({ message: `Bericht verborgen door ${KNOWN[p].name}`, author: KNOWN[p], writes: [] });
  const rows: [string, Record<string, unknown>][] = [
    ['outbox', { id: `o${at}`, acknowledged_at: at, change, state: 'committed', commit_sha: 'abc', committed_at: at }],
    ['outbox', { id: `o${at}-auteur`, acknowledged_at: at, change: byEmailOnly, state: 'committed', commit_sha: 'abc', committed_at: at }],
    // A queued mail to o that names p by name (who commented).
    ['mail_queue', { id: `m${at}-ander`, person: o, kind: 'direct', message_id: `<m${at}-ander@plein>`, subject: `${KNOWN[p].name.toUpperCase()} reageerde op je bericht`, html: '<p>x</p>', text: 'x', headers: '{}', created_at: at, attempts: 0, next_attempt_at: at, sent_at: null, last_error: null }],
    ['idempotency', { hash: `h${at}`, kind: 'reactie', answer: JSON.stringify({ id: `r${at}`, author: p }), created_at: at }],
    ['rate_limit_hits', { person: p, action: 'reactie', window_start: at, count: 1 }],
    ['appreciations', { target_type: 'bericht', target_id: `b${at}`, person: p, kind: 'duim', created_at: at }],
    ['signups', { event_id: `e${at}`, person: p, status: 'bevestigd', answer: 'vegetarisch', created_at: at }],
    ['poll_votes', { post_id: `b${at}`, person: p, option: 0, created_at: at }],
    ['group_members', { group_id: `g${at}`, person: p, status: 'lid', created_at: at, decided_by: o }],
    ['group_proposals', { id: `v${at}`, proposer: p, name: 'Lunchwandelen', description: 'Samen lopen', kind: 'open', motivation: null, status: 'afgewezen', created_at: at, decided_by: o, decided_at: at, reason: 'bestaat al', group_id: null }],
    ['private_groups', { id: `pg${at}`, name: 'Kleine kring', description: 'Besloten', created_by: p, created_at: at }],
    ['private_posts', { id: post, group_id: `pg${at}`, author: p, body: 'Mijn besloten bericht', created_at: at }],
    ['private_comments', { id: `pc${at}`, post_id: post, group_id: `pg${at}`, author: p, body: 'Eigen reactie', created_at: at }],
    // The other colleague's comment under p's post: it goes with p's post when p is erased.
    ['private_comments', { id: `pc${at}-ander`, post_id: post, group_id: `pg${at}`, author: o, body: `Reactie van ${o}`, created_at: at + 1 }],
    ['private_photos', { id: `${post}-1`, post_id: post, group_id: `pg${at}`, extension: 'jpg', width: 1, height: 1, alt: 'Foto', data: 'AAAA' }],
    ['follows', { person: p, target_type: 'groep', target_id: `g${at}`, state: 1, auto: 0, created_at: at }],
    // p follows o as a colleague: names o.
    ['follows', { person: p, target_type: 'collega', target_id: o, state: 1, auto: 0, created_at: at }],
    ['notifications', { id: `n${at}`, person: p, kind: 'reactie-op-bericht', actor: o, target_type: 'bericht', target_id: `b${at}`, title: 'Titel', text: `Reactie van ${o}`, url: `/berichten/b${at}/`, group_key: `reacties:bericht:b${at}`, source: `nieuw:reactie:r${at}`, created_at: at, read_at: null, in_app: 1, email: 0, push: 0, mailed_at: null, pushed_at: null }],
    ['notification_prefs', { person: p, settings: '{}', updated_at: at }],
    ['mail_queue', { id: `m${at}`, person: p, kind: 'direct', message_id: `<m${at}@plein>`, subject: `${o} reageerde`, html: '<p>x</p>', text: 'x', headers: '{}', created_at: at, attempts: 0, next_attempt_at: at, sent_at: null, last_error: null }],
    ['push_subscriptions', { endpoint: `https://push.example/${at}`, person: p, p256dh: 'k', auth: 'a', created_at: at, failures: 0, last_success_at: null }],
    ['reports', { target_type: 'bericht', target_id: `b${at}`, person: p, reason: 'spam', note: null, group_id: null, created_at: at, outcome: null, decided_at: null }],
    ['moderation_log', { id: `l${at}`, at, moderator: p, action: 'verbergen', target_type: 'bericht', target_id: `b${at}x`, author: o, group_id: null, reason: 'ongepast' }],
    ['nudges', { id: `q${at}`, text: 'Vraag van de week', weekday: 1, time: '09:00', enabled: 1, author_id: p, author_name: KNOWN[p].name, author_email: KNOWN[p].email, updated_at: at, last_slot: null }],
    ['read_confirmations', { news_id: `nw${at}`, person: p, confirmed_at: at }],
  ];
  for (const [table, values] of rows) await db.insertInto(table).values(values).execute();
}

/** Every row of every table, as JSON text per table (the columns as the engine gives them). */
async function everyRow(state: StateStore): Promise<Map<string, string[]>> {
  const db = state.db as unknown as Kysely<any>;
  const out = new Map<string, string[]>();
  for (const table of [...PERSON_STATE.map((t) => t.table as string), ...Object.keys(NO_PERSON_STATE)]) {
    const rows = await db.selectFrom(table).selectAll().execute();
    out.set(table, rows.map((r: Record<string, unknown>) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? Number(v) : v))));
  }
  return out;
}

function describeErasure(engine: string, open: () => Promise<StateStore>, { exportToo = true } = {}) {
  it(`${engine}: erasing X leaves no row holding X and Y's rows intact; refused while a change naming X waits for git`, async () => {
    const state = await open();
    await seed(state, X, Y, 1000);
    await seed(state, Y, X, 2000);

    // A change naming X still waiting for git: refused, nothing changed.
    const db = state.db as unknown as Kysely<any>;
    await db.insertInto('outbox').values({ id: 'wacht', acknowledged_at: 3000, change: JSON.stringify({ message: 'Reactie', author: KNOWN[X], writes: [] }), state: 'pending', commit_sha: null, committed_at: null }).execute();
    const before = await everyRow(state);
    await expect(erasePersonState(state, X, KNOWN[X])).rejects.toThrow(ErasureRefusedError);
    await expect(erasePersonState(state, X, KNOWN[X])).rejects.toThrow(/wacht nog op vastlegging in git/);
    expect(await everyRow(state)).toEqual(before);
    await db.updateTable('outbox').set({ state: 'committed', commit_sha: 'def', committed_at: 3001 }).where('id', '=', 'wacht').execute();

    const namesX = (r: string) => [X, KNOWN[X].name, KNOWN[X].email].some((n) => r.toLowerCase().includes(n.toLowerCase()));
    const yBefore = [...(await everyRow(state)).entries()].flatMap(([t, rows]) => rows.filter((r) => r.includes(Y) && !namesX(r)).map((r) => `${t} ${r}`));
    const counts = await erasePersonState(state, X, KNOWN[X]);
    expect(counts.private_posts).toBe(1);
    expect(counts.private_comments).toBe(3); // their own, Y's under their post, theirs under Y's post
    expect(counts.outbox).toBe(3); // their change, the one by e-mail only, the formerly pending one
    expect(counts.mail_queue).toBe(4); // two to them; two to Y naming them (by id, and by name in capitals)
    expect(counts.moderation_log).toBe(2); // moderator in one row, author in Y's

    const after = await everyRow(state);
    const holdingX = [...after.entries()].flatMap(([t, rows]) => rows.filter(namesX).map((r) => `${t} ${r}`));
    expect(holdingX).toEqual([]);
    const yAfter = [...after.entries()].flatMap(([t, rows]) => rows.filter((r) => r.includes(Y)).map((r) => `${t} ${r}`));
    // Y's rows are all still there, except Y's comment under X's private post (it went with the post).
    expect(yAfter.filter((r) => !r.includes(ERASED_PERSON)).sort()).toEqual(yBefore.filter((r) => !r.includes('"pc1000-ander"')).sort());
    // Where X let Y in, decided, or acted as moderator, the row stays and says oud-collega.
    const members = await db.selectFrom('group_members').select(['person', 'decided_by']).execute();
    expect(members).toEqual([{ person: Y, decided_by: ERASED_PERSON }]);
    const log = await db.selectFrom('moderation_log').select(['id', 'moderator', 'author']).orderBy('id').execute();
    expect(log).toEqual([
      { id: 'l1000', moderator: ERASED_PERSON, author: Y },
      { id: 'l2000', moderator: Y, author: ERASED_PERSON },
    ]);
    // Erasing again (here through the repository the routes get) finds nothing.
    expect(Object.values(await state.personalData.erase(X, KNOWN[X])).reduce((a, b) => a + b, 0)).toBe(0);
    await state.close();
  });

  // The export is plain selects: on D1 (slow under miniflare) the erasure test suffices.
  if (!exportToo) return;
  it(`${engine}: the export of Y holds one row of every kind, nothing of X`, async () => {
    const state = await open();
    await seed(state, X, Y, 1000);
    await seed(state, Y, X, 2000);
    const exported = await exportPersonState(state, Y);
    // Two where Y is in two rows: two follows, a comment under X's post, moderator of one log row and author of another, two mails.
    const twice = ['follows', 'private_comments', 'moderation_log', 'mail_queue'];
    for (const entry of PERSON_STATE) if (!('not' in entry.export)) expect(exported[entry.table], entry.table).toHaveLength(twice.includes(entry.table) ? 2 : 1);
    expect(exported.private_photos).toHaveLength(1);
    const text = JSON.stringify(exported);
    for (const x of [X, KNOWN[X].name, KNOWN[X].email]) expect(text.toLowerCase()).not.toContain(x.toLowerCase());
    // X's comment under Y's private post is X's data: not in Y's export (its body names X, so the line above checks it too).
    expect(exported.private_comments.map((c) => c.author)).toEqual([Y, Y]);
    expect(text).toContain('Mijn besloten bericht');
    expect(exported.group_members[0]).toMatchObject({ person: Y, decided_by: null });
    expect(exported.notifications[0]).not.toHaveProperty('actor');
    await state.close();
  });
}

describeErasure('sqlite', openSqlite);

describe('d1', () => {
  let mf: Miniflare;
  let next = 0;
  beforeAll(async () => {
    mf = new Miniflare({ modules: true, script: 'export default { fetch() { return new Response(); } }', d1Databases: ['A'] });
    await mf.ready;
  });
  afterAll(async () => {
    await mf?.dispose();
  });
  describeErasure('d1', async () => openStateStore({ d1: (await mf.getD1Database(['A'][next++])) as unknown as D1Like }), { exportToo: false });
});

const skip = postgresSkipReason();
if (skip) {
  it.skip(`PostgreSQL privacy: ${skip}`, () => {});
} else {
  describe('postgres', () => {
    let cluster: TestPostgres;
    let k = 0;
    beforeAll(async () => {
      cluster = await startTestPostgres();
    });
    afterAll(async () => {
      await cluster?.stop();
    });
    describeErasure('postgres', async () => {
      const name = `privacy_${++k}`;
      const admin = new pg.Client({ connectionString: cluster.url });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      return openStateStore({ PLEIN_DATABASE_URL: cluster.url.replace(/\/postgres$/, `/${name}`) });
    });
  });
}
