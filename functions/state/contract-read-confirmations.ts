// The read-confirmations part of the state-store contract (issue 17, must-read news): "Gelezen" is stored once per
// colleague and item with the time of the first confirmation, also when two servers confirm at once; read back per
// colleague (the banner) and per item (the editor's rate, the reminders).
import { expect, it } from 'vitest';
import type { FreshDatabase } from './contract-types.ts';
import type { Engine } from './types.ts';

/** Registers the read-confirmations contract tests inside an engine's contract `describe`. */
export function describeReadConfirmationsContract(fresh: () => Promise<FreshDatabase>, engine: () => Engine) {
  it('stores "Gelezen" once per colleague and item with the first time, across instances, and reads it per colleague and per item; lists a colleague’s own sign-ups', async () => {
    const database = await fresh();
    const a = await database.open();
    // Two instances in one process block each other's event loop on SQLite (see the sign-ups test): one there.
    const b = engine() === 'sqlite' ? a : await database.open();
    const both = await Promise.all([a.readConfirmations.confirm('mfa-verplicht', 'bas', 100), b.readConfirmations.confirm('mfa-verplicht', 'bas', 101)]);
    expect(both.filter((r) => r.created)).toHaveLength(1);
    expect(both[0].at).toBe(both[1].at);
    expect(await a.readConfirmations.confirm('mfa-verplicht', 'bas', 500)).toEqual({ created: false, at: both[0].at });
    expect(await b.readConfirmations.confirm('mfa-verplicht', 'eva', 200)).toEqual({ created: true, at: 200 });
    await a.readConfirmations.confirm('andere-nieuws', 'eva', 300);

    expect(Object.fromEntries(await b.readConfirmations.confirmedBy('eva', ['mfa-verplicht', 'andere-nieuws', 'onbekend']))).toEqual({ 'mfa-verplicht': 200, 'andere-nieuws': 300 });
    expect(await a.readConfirmations.confirmedBy('anouk', ['mfa-verplicht'])).toEqual(new Map());
    expect(await a.readConfirmations.confirmedBy('eva', [])).toEqual(new Map());
    // More ids than D1 binds in one statement.
    const many = Array.from({ length: 150 }, (_, i) => `nieuws-${i}`);
    expect((await b.readConfirmations.confirmedBy('eva', [...many, 'andere-nieuws'])).size).toBe(1);
    const mfa = await a.readConfirmations.confirmedOf('mfa-verplicht');
    expect([...mfa.keys()].sort()).toEqual(['bas', 'eva']);
    expect(mfa.get('eva')).toBe(200);
    expect(await b.readConfirmations.confirmedOf('onbekend')).toEqual(new Map());

    // A colleague's own sign-ups ("Voor jou" shows them next to the must-read items), newest first.
    await a.signups.signUp('personeelsfeest', 'eva', 10, null, 400);
    await b.signups.signUp('cursus', 'eva', 1, null, 500);
    await a.signups.signUp('cursus', 'bas', 1, null, 600);
    expect(await b.signups.ofPerson('eva')).toEqual([{ eventId: 'cursus', status: 'bevestigd', at: 500 }, { eventId: 'personeelsfeest', status: 'bevestigd', at: 400 }]);
    expect(await a.signups.ofPerson('bas')).toEqual([{ eventId: 'cursus', status: 'wachtlijst', at: 600 }]);
  });
}
