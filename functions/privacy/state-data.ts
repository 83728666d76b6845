// What the state store holds about one colleague (issue 19, AVG items 4 and 5): a registry of every table with
// personal data — its person columns and what erasure does to each — and an explicit list of the tables without.
// `erasePersonState` removes or anonymises a colleague's rows in one atomic unit (a transaction on SQLite and
// PostgreSQL, batch() on D1); `exportPersonState` gives their own rows for an access request (art. 15), never another
// colleague's personal data. A coverage test (state-data.test.ts) introspects the migrated database and fails when a
// table is in neither list or a column that looks like a person reference is not covered here.
// Portable: no Node module (the Cloudflare host may use it too).
import { sql, type Compilable, type Kysely } from 'kysely';
import { chunk } from '../state/outbox.ts';
import type { Database } from '../state/schema.ts';
import type { StateContext } from '../state/types.ts';

/** What erasure and export need of a state store: its Kysely handle, engine and atomic batch (a StateStore or its context). */
export type PrivacyState = Pick<StateContext, 'db' | 'engine' | 'batch'>;

/** The state store's part of an access or erasure request, as a repository the routes can be given. */
export function createPersonalData(state: PrivacyState) {
  return {
    /** Everything the state store holds about `person` that is theirs to see (see exportPersonState). */
    export: (person: string) => exportPersonState(state, person),
    /** Erases or anonymises their rows (see erasePersonState): for a route that has only the repositories. */
    erase: (person: string, known?: KnownAs) => erasePersonState(state, person, known),
  };
}

/** The personal-data repository's functions. */
export type PersonalData = ReturnType<typeof createPersonalData>;

/** What an anonymised person column holds after erasure: the log stays readable ("een oud-collega") without the id. */
export const ERASED_PERSON = 'oud-collega';

/** Erasure of a person column: the whole row goes, or the column gets ERASED_PERSON and the row stays. */
export type ErasureRule = 'delete-row' | 'anonymise';

type Table = keyof Database & string;

/** How an access export selects and trims a table's rows. */
export interface ExportRule {
  /** The person's rows: those where one of these columns holds their id. */
  by: string[];
  /** Columns left out entirely (others' words or names, key material). */
  omit?: string[];
  /** Person columns blanked (null) when they hold another colleague's id (kept when they hold the person's own). */
  othersBlank?: string[];
}

/** One state-store table that holds personal data. */
export interface PersonTable {
  table: Table;
  /** Its person columns and what erasure does where they hold the person. */
  columns: Record<string, ErasureRule>;
  /** Free-text columns (JSON, excerpts, keys) where the id may appear as a word; such a row is deleted on erasure. */
  mentions?: string[];
  /** The key used to delete rows found through `mentions`. */
  key?: string;
  /** Rows that go with another table's erased rows (a private post's comments and photos). */
  cascade?: string;
  /** Columns whose name looks like a person reference but is not one, with why (for the coverage test). */
  notPerson?: Record<string, string>;
  /** Why erasure does what it does. */
  why: string;
  /** How it is exported, or why it is not. */
  export: ExportRule | { not: string };
}

/** Every state-store table that holds personal data. */
export const PERSON_STATE: readonly PersonTable[] = [
  {
    table: 'outbox',
    columns: {},
    mentions: ['change'],
    key: 'id',
    // The change JSON holds the commit author's name and e-mail and the files' text. A committed row is already in
    // git (which the erase CLI cleans), so it goes; a pending row would still write their data to git after the
    // erasure, so erasure refuses while one exists (the flusher commits within seconds).
    why: 'committed changes naming them are in git already and go; pending ones make erasure refuse',
    export: { not: 'a journal of git changes: their content is exported from git itself' },
  },
  {
    table: 'idempotency',
    columns: {},
    mentions: ['answer'],
    key: 'hash',
    // Keyed by a hash of (person, key), so only an answer that names them can be found; the rest expires in 7 days.
    why: 'answers that name them go; the rest cannot be attributed and expires within 7 days',
    export: { not: 'keyed by a one-way hash: not attributable to a colleague' },
  },
  {
    table: 'rate_limit_hits',
    columns: { person: 'delete-row' },
    why: 'their own counters',
    export: { by: ['person'] },
  },
  {
    table: 'appreciations',
    columns: { person: 'delete-row' },
    why: 'their waarderingen',
    export: { by: ['person'] },
  },
  {
    table: 'signups',
    columns: { person: 'delete-row' },
    why: 'their sign-ups (and answers such as dietary wishes)',
    export: { by: ['person'] },
  },
  {
    table: 'poll_votes',
    columns: { person: 'delete-row' },
    why: 'their votes',
    export: { by: ['person'] },
  },
  {
    table: 'group_members',
    columns: { person: 'delete-row', decided_by: 'anonymise' },
    notPerson: { moderator: 'a 0/1 flag: whether this member moderates the private group' },
    // Who let a colleague in stays accountable ("een oud-collega") without naming the erased moderator.
    why: 'their memberships go; where they let someone else in, decided_by becomes oud-collega',
    export: { by: ['person'], othersBlank: ['decided_by'] },
  },
  {
    table: 'group_proposals',
    columns: { proposer: 'delete-row', decided_by: 'anonymise' },
    // A decided proposal's group exists by itself (in git or private_groups): the proposal row is only their request.
    why: 'their proposals go; decisions they took on others\u2019 proposals stay, decided by oud-collega',
    export: { by: ['proposer'], othersBlank: ['decided_by'] },
  },
  {
    table: 'private_groups',
    columns: { created_by: 'anonymise' },
    // The group is its members' too: deleting it would take everyone else's posts with it.
    why: 'a group they started stays for its other members, created by oud-collega',
    export: { by: ['created_by'] },
  },
  {
    table: 'private_posts',
    columns: { author: 'delete-row' },
    why: 'their private posts go, with the comments under them and their photos',
    export: { by: ['author'] },
  },
  {
    table: 'private_comments',
    columns: { author: 'delete-row' },
    cascade: 'comments under their private posts go with the post (a thread without its post cannot be read)',
    why: 'their comments (also under others\u2019 posts) go',
    export: { by: ['author'] },
  },
  {
    table: 'private_photos',
    columns: {},
    cascade: 'the photos of their private posts go with the post',
    why: 'photos belong to a post and go with it',
    export: { not: 'exported through their private posts (see exportPersonState)' },
  },
  {
    table: 'follows',
    columns: { person: 'delete-row' },
    // Others following them (target 'collega' = their id) go too: the id must not stay behind.
    why: 'what they follow, and others\u2019 follows of them as a colleague',
    export: { by: ['person'] },
  },
  {
    table: 'notifications',
    columns: { person: 'delete-row', actor: 'delete-row' },
    mentions: ['target_id', 'title', 'text', 'url', 'group_key', 'source'],
    key: 'id',
    notPerson: { email: 'a 0/1 flag: whether it goes by e-mail' },
    // A notification to someone else about them (actor) quotes their words and points at content that is erased.
    why: 'their notifications, and others\u2019 notifications caused by or naming them',
    export: { by: ['person'], omit: ['actor', 'title', 'text', 'group_key', 'source'] },
  },
  {
    table: 'notification_prefs',
    columns: { person: 'delete-row' },
    why: 'their settings',
    export: { by: ['person'] },
  },
  {
    table: 'mail_queue',
    columns: { person: 'delete-row' },
    mentions: ['subject', 'html', 'text'],
    key: 'id',
    why: 'mails to them, and queued mails to others that name them',
    // Subject and body quote other colleagues (who commented, what they wrote).
    export: { by: ['person'], omit: ['subject', 'html', 'text', 'headers'] },
  },
  {
    table: 'push_subscriptions',
    columns: { person: 'delete-row' },
    why: 'their browsers\u2019 push subscriptions',
    export: { by: ['person'], omit: ['p256dh', 'auth'] },
  },
  {
    table: 'reports',
    columns: { person: 'delete-row' },
    why: 'reports they made',
    export: { by: ['person'] },
  },
  {
    table: 'moderation_log',
    columns: { moderator: 'anonymise', author: 'anonymise' },
    // The log must keep saying that an item was hidden, when and why (issue 19 item 3), without the person.
    why: 'the log stays accountable: a moderator or author who is erased becomes oud-collega',
    export: { by: ['moderator', 'author'], othersBlank: ['moderator', 'author'] },
  },
  {
    table: 'nudges',
    columns: { author_id: 'delete-row', author_name: 'delete-row', author_email: 'delete-row' },
    // Posted under the editor's own name: it must not go on posting as someone who left (an editor sets it up again).
    why: 'a recurring question posted under their name stops',
    export: { by: ['author_id'] },
  },
  {
    table: 'read_confirmations',
    columns: { person: 'delete-row' },
    why: 'their "gelezen" confirmations',
    export: { by: ['person'] },
  },
];

/** The state-store tables that hold no personal data, with why. */
export const NO_PERSON_STATE: Readonly<Record<string, { why: string; notPerson?: Record<string, string> }>> = {
  outbox_cursor: { why: 'a position in the outbox and a commit id' },
  outbox_lease: { why: 'which server instance flushes', notPerson: { holder: 'a server instance id, not a colleague' } },
  session_revocations: { why: 'random session ids of logged-out sessions; no colleague id is stored' },
  schema_version: { why: 'which migrations ran' },
  search_terms: { why: 'search terms counted per ISO week, no column names a colleague or device' },
  search_clicks: { why: 'clicks per term, page and week, aggregated like search_terms' },
  reach_daily: { why: 'readers counted per item, day and department (no reader)' },
  reach_item_daily: { why: 'reach_daily summed over departments' },
  reach_department_daily: { why: 'reach_daily summed over items' },
  reach_weekly: { why: 'weekly readers per department (no reader)' },
};

/** Erasure refused: nothing was changed. */
export class ErasureRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ErasureRefusedError';
  }
}

const ID = /^[a-z0-9][a-z0-9._-]*$/;

function checkId(person: string): void {
  if (!ID.test(person) || person === ERASED_PERSON) throw new ErasureRefusedError(`Ongeldige collega-id: "${person}".`);
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether `text` holds `person` as a whole word (an id inside a longer id does not count). */
export function namesPerson(text: unknown, person: string): boolean {
  if (typeof text !== 'string' || !text.includes(person)) return false;
  return new RegExp(`(?<![A-Za-z0-9_-])${escapeRe(person)}(?![A-Za-z0-9_-])`).test(text);
}

/** What else names the colleague in free text, when the caller knows it (the people file does; the state store not). */
export interface KnownAs {
  name?: string;
  email?: string;
}

/** A test for text that names the person (id as a word, e-mail, or full name in any capitalisation), and LIKE needles to narrow first. */
function matcher(person: string, known: KnownAs) {
  const email = known.email?.trim().toLowerCase() || undefined;
  const words = known.name?.trim().split(/\s+/).filter(Boolean) ?? [];
  const name = words.length ? new RegExp(`(?<![\\p{L}\\p{N}])${words.map(escapeRe).join('\\s+')}(?![\\p{L}\\p{N}])`, 'iu') : undefined;
  // The longest word of the name narrows the rows; the expression above decides.
  const nameNeedle = words.length ? words.reduce((a, b) => (b.length > a.length ? b : a)).toLowerCase() : undefined;
  return {
    needles: [person, ...(email ? [email] : []), ...(nameNeedle ? [nameNeedle] : [])],
    test: (text: unknown) => typeof text === 'string' && (namesPerson(text, person) || (!!email && text.toLowerCase().includes(email)) || (!!name && name.test(text))),
  };
}

/** The rows of `table` whose `mentions` columns name the person (a LIKE to narrow, then the exact check). */
async function rowsNaming(state: PrivacyState, entry: PersonTable, person: string, known: KnownAs, where?: (row: Record<string, unknown>) => boolean) {
  const db = state.db as unknown as Kysely<any>;
  const columns = entry.mentions ?? [];
  const key = entry.key!;
  const { needles, test } = matcher(person, known);
  const rows: Record<string, unknown>[] = await db
    .selectFrom(entry.table)
    .select([key, ...columns, ...(entry.table === 'outbox' ? ['state'] : [])])
    .where((eb: any) => eb.or(columns.flatMap((c) => needles.map((n) => eb(sql`lower(${sql.ref(c)})`, 'like', `%${n.toLowerCase()}%`)))))
    .execute();
  return rows.filter((r) => columns.some((c) => test(r[c])) && (!where || where(r)));
}

/** Changes that name `person` and wait for their commit: erasure refuses while there are any. */
export async function pendingOutboxFor(state: PrivacyState, person: string, known: KnownAs = {}): Promise<number> {
  checkId(person);
  const outbox = PERSON_STATE.find((t) => t.table === 'outbox')!;
  return (await rowsNaming(state, outbox, person, known, (r) => r.state === 'pending')).length;
}

/**
 * Removes or anonymises everything the state store holds about `person`, per PERSON_STATE, in one atomic unit;
 * gives the number of rows deleted or anonymised per table. Refuses (ErasureRefusedError, nothing changed) while
 * the outbox still has uncommitted changes naming them. Pass their name and e-mail (`known`, from the people file)
 * when known: free text (a change's commit author, a queued mail's subject) often names them by those, not the id.
 */
export async function erasePersonState(state: PrivacyState, person: string, known: KnownAs = {}): Promise<Record<string, number>> {
  checkId(person);
  const pending = await pendingOutboxFor(state, person, known);
  if (pending) {
    throw new ErasureRefusedError(
      `Collega "${person}" kan nog niet worden gewist: ${pending} wijziging${pending === 1 ? '' : 'en'} van of over deze collega ${pending === 1 ? 'wacht' : 'wachten'} nog op vastlegging in git (outbox). Wacht tot de server ze heeft vastgelegd (meestal binnen enkele seconden) en probeer het opnieuw; er is niets gewist.`,
    );
  }
  const db = state.db as unknown as Kysely<any>;
  const perKey = state.engine === 'd1' ? 90 : 1000;
  const queries: { table: string; query: Compilable }[] = [];
  const add = (table: string, query: Compilable) => queries.push({ table, query });

  // A private post's comments and photos first, while the post still says whose it is.
  const theirPosts = db.selectFrom('private_posts').select('id').where('author', '=', person);
  add('private_comments', db.deleteFrom('private_comments').where('post_id', 'in', theirPosts));
  add('private_photos', db.deleteFrom('private_photos').where('post_id', 'in', theirPosts));
  // Others following them as a colleague.
  add('follows', db.deleteFrom('follows').where('target_type', '=', 'collega').where('target_id', '=', person));

  for (const entry of PERSON_STATE) {
    const rules = Object.entries(entry.columns);
    const deleting = rules.filter(([, rule]) => rule === 'delete-row').map(([c]) => c);
    if (deleting.length) add(entry.table, db.deleteFrom(entry.table).where((eb: any) => eb.or(deleting.map((c) => eb(c, '=', person)))));
    for (const [column, rule] of rules) {
      if (rule === 'anonymise') add(entry.table, db.updateTable(entry.table).set({ [column]: ERASED_PERSON }).where(column, '=', person));
    }
    if (entry.mentions) {
      // Only committed outbox rows: a change acknowledged after the check above must still reach git.
      const committedOnly = entry.table === 'outbox';
      const keys = (await rowsNaming(state, entry, person, known, committedOnly ? (r) => r.state === 'committed' : undefined)).map((r) => r[entry.key!]);
      for (const part of chunk(keys, perKey)) {
        const q = db.deleteFrom(entry.table).where(entry.key!, 'in', part);
        add(entry.table, committedOnly ? q.where('state', '=', 'committed') : q);
      }
    }
  }

  const counts: Record<string, number> = Object.fromEntries(PERSON_STATE.map((t) => [t.table, 0]));
  const results = await state.batch(queries.map((q) => q.query));
  results.forEach((r, i) => {
    counts[queries[i].table] += Number(r.numAffectedRows ?? 0);
  });
  return counts;
}

/**
 * Everything the state store holds about `person`, per table, for an access request: only their own rows, and in
 * them no other colleague's personal data (others' ids blanked, others' words left out).
 */
export async function exportPersonState(state: PrivacyState, person: string): Promise<Record<string, Record<string, unknown>[]>> {
  checkId(person);
  const db = state.db as unknown as Kysely<any>;
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const entry of PERSON_STATE) {
    if ('not' in entry.export) continue;
    const rule = entry.export;
    const rows: Record<string, unknown>[] = await db
      .selectFrom(entry.table)
      .selectAll()
      .where((eb: any) => eb.or(rule.by.map((c) => eb(c, '=', person))))
      .execute();
    out[entry.table] = rows.map((row) => {
      const copy: Record<string, unknown> = {};
      for (const [column, value] of Object.entries(row)) {
        if (rule.omit?.includes(column)) continue;
        // Which colleague they follow names that colleague: left out like every other colleague's id.
        if (entry.table === 'follows' && column === 'target_id' && row.target_type === 'collega') copy[column] = null;
        else copy[column] = rule.othersBlank?.includes(column) && value !== person ? null : typeof value === 'bigint' ? Number(value) : value;
      }
      return copy;
    });
  }
  // The photos of their private posts (as base64, with their description).
  out.private_photos = await db
    .selectFrom('private_photos')
    .selectAll()
    .where('post_id', 'in', db.selectFrom('private_posts').select('id').where('author', '=', person))
    .execute();
  return out;
}
