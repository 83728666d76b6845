// The daily retention of D1-only rows on Cloudflare Pages (pages-retention.ts), over a SQLite state store (the same
// Kysely queries; the D1 engine runs them in workerd in handler.test.ts): once a day over all isolates, the terms from
// the site settings, and a failure lets a later request try again.
import { afterAll, describe, expect, it } from 'vitest';
import { openTempState } from '../../../tests/support/state.ts';
import { PAGES_RETENTION_LEASE_MS, runPagesRetention } from './pages-retention.ts';

const stores: { remove(): Promise<void> }[] = [];
afterAll(() => Promise.all(stores.splice(0).map((s) => s.remove())));

const NOW = new Date(Date.UTC(2026, 11, 6, 12));
const MONTH = 31 * 24 * 60 * 60_000;
const log = (id: string, at: number) => ({ id, at, moderator: 'mo', action: 'verbergen', target_type: 'bericht', target_id: id, author: 'ada', group_id: null, reason: null });
const settings = (months: number) => ({ read: async (path: string) => (path === 'content/instellingen/site.yml' ? `name: Plein\nbewaartermijn:\n  moderatielog: ${months}\n` : undefined) });

describe('runPagesRetention', () => {
  it('prunes the rows past the term of the settings once a day over all isolates; a failed run leaves the day open', async () => {
    const state = await openTempState();
    stores.push(state);
    await state.db.insertInto('moderation_log').values([log('oud', NOW.getTime() - 7 * MONTH), log('jong', NOW.getTime() - 5 * MONTH)]).execute();
    const errors: unknown[] = [];
    const error = console.error;
    console.error = (m: unknown) => void errors.push(m);
    try {
      // The settings cannot be read: nothing pruned, and the next request may try again.
      const broken = { read: async () => Promise.reject(new Error('GitHub onbereikbaar')) };
      expect(await runPagesRetention(state, broken, { env: {}, now: NOW })).toBeUndefined();
      expect(errors.join('\n')).toMatch(/bewaartermijn toepassen mislukt: GitHub onbereikbaar/);
    } finally {
      console.error = error;
    }
    const ran = await runPagesRetention(state, settings(6), { env: {}, now: NOW });
    expect(ran).toMatchObject({ moderation_log: 1 });
    expect((await state.db.selectFrom('moderation_log').select('id').execute()).map((r) => r.id)).toEqual(['jong']);
    // Another isolate the same day: does not run (a shorter term now would have pruned 'jong').
    expect(await runPagesRetention(state, settings(1), { env: {}, now: NOW })).toBeUndefined();
    expect((await state.db.selectFrom('moderation_log').select('id').execute()).map((r) => r.id)).toEqual(['jong']);
    const lease = await state.db.selectFrom('outbox_lease').select('expires_at').where('name', '=', 'bewaartermijn').executeTakeFirstOrThrow();
    expect(Number(lease.expires_at)).toBeGreaterThan(Date.now() + PAGES_RETENTION_LEASE_MS - 60_000);
  });
});
