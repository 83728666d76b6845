import { afterAll, describe, expect, it } from 'vitest';
import { makePeople, makeTestApi } from '../../tests/support/posting-api.ts';
import { openTempState } from '../../tests/support/state.ts';
import { createNewsCatalog } from './catalog.ts';
import { PUBLISHED, newsItem } from './test-catalog.ts';

const HOUR = 60 * 60 * 1000;
const stores: { remove(): Promise<void> }[] = [];
afterAll(() => Promise.all(stores.map((s) => s.remove())));

describe('Voor jou (GET /api/voor-jou)', () => {
  it('gives a colleague their open must-read items, news for their audience first, their groups’ latest posts, their coming sign-ups and the agenda aimed at them', async () => {
    const state = await openTempState();
    stores.push(state);
    const now = PUBLISHED + 2 * HOUR;
    const news = createNewsCatalog(() => [
      newsItem('mfa-verplicht', { audience: 'iedereen' }),
      newsItem('nieuw-voor-iedereen', { mustRead: false, audience: 'iedereen', publishedAt: PUBLISHED + HOUR }),
      newsItem('voor-hr', { mustRead: false, publishedAt: PUBLISHED - 10 * HOUR }),
      newsItem('voor-ict', { mustRead: false, audience: { afdelingen: ['ict'] }, publishedAt: PUBLISHED - HOUR }),
    ], makePeople(), {
      recent: () => ({
        news: [],
        posts: [
          { id: '01KBBBBBBBBBBBBBBBBBBBBBBB', group: 'koffietijd', author: 'bas-bakker', excerpt: 'Taart in de kantine', at: PUBLISHED, comments: 0 },
          { id: '01KCCCCCCCCCCCCCCCCCCCCCCC', group: 'fietsclub', author: 'bas-bakker', excerpt: 'Niet mijn groep', at: PUBLISHED, comments: 0 },
        ],
        events: [
          { id: 'personeelsfeest', title: 'Personeelsfeest', location: null, start: PUBLISHED + 100 * HOUR, audience: { afdelingen: ['hr'] } },
          { id: 'voorbij', title: 'Al geweest', location: null, start: PUBLISHED - 100 * HOUR, audience: 'iedereen' },
          { id: 'hr-overleg', title: 'HR-overleg', location: 'Stadhuis', start: PUBLISHED + 50 * HOUR, audience: { afdelingen: ['hr'] } },
          { id: 'ict-training', title: 'ICT-training', location: null, start: PUBLISHED + 20 * HOUR, audience: { afdelingen: ['ict'], rollen: ['buitendienst'] } },
          { id: 'open-dag', title: 'Open dag', location: null, start: PUBLISHED + 30 * HOUR, audience: 'iedereen' },
          { id: 'hr-later', title: 'Te ver weg', location: null, start: PUBLISHED + 70 * 24 * HOUR, audience: { afdelingen: ['hr'] } },
          { id: 'hr-vorige', title: 'Al geweest voor HR', location: null, start: PUBLISHED - HOUR, audience: { afdelingen: ['hr'] } },
        ],
        groupNames: new Map([['koffietijd', 'Koffietijd']]),
      }),
    });
    const api = makeTestApi({ state, news, now: () => new Date(now) });
    await state.memberships.join('koffietijd', 'anouk-de-vries', 'lid');
    await state.signups.signUp('personeelsfeest', 'anouk-de-vries', 10, null, PUBLISHED);
    await state.signups.signUp('voorbij', 'anouk-de-vries', 10, null, PUBLISHED - 200 * HOUR);

    expect((await api.request('/api/voor-jou')).status).toBe(401);
    const res = await api.request('/api/voor-jou', { as: 'anouk-de-vries' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const body = (await res.json()) as Record<string, { id: string; voorJou?: boolean; groep?: string; status?: string }[]>;
    expect(body.verplichtLezen.map((n) => n.id)).toEqual(['mfa-verplicht']);
    // HR's item first (anouk is in HR), then the rest newest first; the open must-read item is not repeated.
    expect(body.nieuws.map((n) => [n.id, n.voorJou])).toEqual([['voor-hr', true], ['nieuw-voor-iedereen', false], ['voor-ict', false]]);
    expect(body.berichten).toEqual([expect.objectContaining({ id: '01KBBBBBBBBBBBBBBBBBBBBBBB', groep: 'Koffietijd', auteur: 'Bas Bakker', url: '/berichten/01KBBBBBBBBBBBBBBBBBBBBBBB/' })]);
    expect(body.aanmeldingen).toEqual([expect.objectContaining({ id: 'personeelsfeest', titel: 'Personeelsfeest', status: 'bevestigd' })]);
    // Coming within 60 days and aimed at HR, not the one she signed up for (it is under her sign-ups), not "everyone".
    expect(body.agenda).toEqual([{ id: 'hr-overleg', titel: 'HR-overleg', url: '/agenda/hr-overleg/', start: new Date(PUBLISHED + 50 * HOUR).toISOString(), locatie: 'Stadhuis' }]);

    await state.readConfirmations.confirm('mfa-verplicht', 'anouk-de-vries', now);
    const bas = (await (await api.request('/api/voor-jou', { as: 'bas-bakker' })).json()) as typeof body;
    expect(bas.nieuws.map((n) => n.id)).toEqual(['voor-ict', 'nieuw-voor-iedereen', 'voor-hr']);
    expect([bas.berichten, bas.aanmeldingen]).toEqual([[], []]);
    expect(bas.agenda.map((e) => e.id)).toEqual(['ict-training']);
    const after = (await (await api.request('/api/voor-jou', { as: 'anouk-de-vries' })).json()) as typeof body;
    expect(after.verplichtLezen).toEqual([]);
    expect(after.nieuws.map((n) => n.id)).toContain('mfa-verplicht');
  });
});
