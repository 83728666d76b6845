import { describe, expect, it } from 'vitest';
import { createTestPeople } from '../../../tests/support/people.ts';
import { createApp } from '../../app.ts';
import { createIdentity } from '../../auth/session.ts';
import { createFeedCache } from './feed-cache.ts';

const SITE = 'http://localhost:4321';

/** A real (demo) identity service and a session cookie of one colleague. */
async function loggedIn() {
  const identity = createIdentity({}, createTestPeople());
  const res = await createApp({ identity }).request(`${SITE}/api/auth/demo`, {
    method: 'POST',
    body: new URLSearchParams({ persoon: 'bas-van-leeuwen', terug: '/' }),
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SITE },
  });
  return { identity, cookie: res.headers.getSetCookie()[0].split(';')[0] };
}

const feed = (cookie?: string, since = 'a'.repeat(40)) => new Request(`${SITE}/api/feed?sinds=${since}`, { headers: cookie ? { cookie } : {} });
const answer = (items: string[]) => Response.json({ head: 'h', items }, { headers: { 'cache-control': 'no-store' } });

describe('the feed cache of the Pages Function', () => {
  it('reuses an answer until the time is up, per query, and only for a logged-in colleague', async () => {
    const { identity, cookie } = await loggedIn();
    let now = 1000;
    const cache = createFeedCache(3000, () => now);
    expect(await cache.answer(feed(cookie), identity)).toBeUndefined();
    await cache.remember(feed(cookie), answer(['een']));
    now += 2999;
    const hit = (await cache.answer(feed(cookie), identity))!;
    expect(await hit.json()).toEqual({ head: 'h', items: ['een'] });
    expect(hit.headers.get('cache-control')).toBe('no-store');
    // Pages asks browsers to poll less often than the Node server does: every poll can cost GitHub requests.
    expect(hit.headers.get('plein-poll-seconds')).toBe('10');
    expect(await cache.answer(feed(undefined), identity)).toBeUndefined();
    expect(await cache.answer(feed(cookie, 'b'.repeat(40)), identity)).toBeUndefined();
    now += 1;
    expect(await cache.answer(feed(cookie), identity)).toBeUndefined();
  });

  it('keeps no error answer, and forgets everything after a successful write but not after a refused one', async () => {
    const { identity, cookie } = await loggedIn();
    const cache = createFeedCache(3000, () => 0);
    await cache.remember(feed(cookie), Response.json({ error: {} }, { status: 503 }));
    expect(await cache.answer(feed(cookie), identity)).toBeUndefined();
    await cache.remember(feed(cookie), answer(['een']));
    const write = new Request(`${SITE}/api/berichten`, { method: 'POST' });
    await cache.remember(write, Response.json({ error: {} }, { status: 429 }));
    expect(await cache.answer(feed(cookie), identity)).toBeDefined();
    await cache.remember(write, Response.json({ bericht: {} }, { status: 201 }));
    expect(await cache.answer(feed(cookie), identity)).toBeUndefined();
  });
});
