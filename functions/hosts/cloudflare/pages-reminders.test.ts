// Must-read reminders on Cloudflare Pages (pages-reminders.ts), over a SQLite state store (the same Kysely queries as
// D1): the reminders that are due go to the audience that has not confirmed, once per lease over all isolates, and a
// failed run lets a later request try again.
import { afterAll, describe, expect, it } from 'vitest';
import { openTempState } from '../../../tests/support/state.ts';
import { PUBLISHED, newsItem, testCatalog } from '../../must-read/test-catalog.ts';
import { PAGES_REMINDERS_LEASE_MS, runPagesMustReadReminders } from './pages-reminders.ts';

const stores: { remove(): Promise<void> }[] = [];
afterAll(() => Promise.all(stores.splice(0).map((s) => s.remove())));

const DAY = 24 * 60 * 60 * 1000;

describe('runPagesMustReadReminders', () => {
  it('reminds who has not confirmed after three days, once per lease over all isolates; a failed run leaves it to the next request', async () => {
    const state = await openTempState();
    stores.push(state);
    const news = testCatalog([newsItem('mfa-verplicht')]);
    const now = PUBLISHED + 3 * DAY + 60_000;
    await state.readConfirmations.confirm('mfa-verplicht', 'mod-koffie', PUBLISHED + DAY);

    const errors: unknown[] = [];
    const error = console.error;
    console.error = (m: unknown) => void errors.push(m);
    try {
      const broken = { ...state, readConfirmations: { ...state.readConfirmations, confirmedOf: () => Promise.reject(new Error('D1 onbereikbaar')) } };
      expect(await runPagesMustReadReminders(broken, news, now)).toBeUndefined();
      expect(errors.join('\n')).toMatch(/verplicht te lezen nieuws mislukt: D1 onbereikbaar/);
    } finally {
      console.error = error;
    }
    expect(await state.notifications.inbox('anouk-de-vries')).toEqual([]);

    // The next request runs it: HR's anouk has not confirmed (mod-koffie has).
    expect(await runPagesMustReadReminders(state, news, now)).toBe(1);
    expect((await state.notifications.inbox('anouk-de-vries')).map((n) => [n.kind, n.target.id])).toEqual([['verplicht-lezen', 'mfa-verplicht']]);
    expect(await state.notifications.inbox('mod-koffie')).toEqual([]);
    // Another isolate within the lease does not run; the lease is the mark.
    expect(await runPagesMustReadReminders(state, news, now + 60_000)).toBeUndefined();
    const lease = await state.db.selectFrom('outbox_lease').select('expires_at').where('name', '=', 'verplicht-lezen').executeTakeFirstOrThrow();
    expect(Number(lease.expires_at)).toBeGreaterThan(Date.now() + PAGES_REMINDERS_LEASE_MS - 60_000);
    // Once the lease is gone the next run finds nothing new to send: nobody is told twice.
    await state.db.deleteFrom('outbox_lease').where('name', '=', 'verplicht-lezen').execute();
    expect(await runPagesMustReadReminders(state, news, now + 120_000)).toBe(0);
    expect(await state.notifications.inbox('anouk-de-vries')).toHaveLength(1);
  });
});
