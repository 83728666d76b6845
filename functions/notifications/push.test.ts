// Web push (issue 14) against a loopback push service that really decrypts (tests/support/push-service.ts): the
// subscription routes and their refusals, and the sender through web-push — payload, VAPID, 404/410 dropping, retry
// after a failure, quiet hours, private groups without text.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import webpush from 'web-push';
import { openStateStore } from '../state/open.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPushService } from '../../tests/support/push-service.ts';
import { makePeople } from '../../tests/support/posting-api.ts';
import { stateApiFixture } from '../../tests/support/state.ts';
import type { NewNotification } from '../state/notifications.ts';
import { readPushConfig, type PushConfig } from './push-config.ts';
import { createPushSender, PUSH_STALE_MS } from './push-jobs.ts';
import { startPush, webPushSend } from './push-worker.ts';

const keys = webpush.generateVAPIDKeys();
let service: Awaited<ReturnType<typeof startPushService>>;
let config: PushConfig;
let fixture: ReturnType<typeof stateApiFixture>;

beforeAll(async () => {
  service = await startPushService();
  const read = readPushConfig({ PLEIN_VAPID_PUBLIC_KEY: keys.publicKey, PLEIN_VAPID_PRIVATE_KEY: keys.privateKey, PLEIN_VAPID_SUBJECT: 'mailto:intranet@wadvoort.nl', PLEIN_PUSH_HOSTS: service.host });
  if ('off' in read) throw new Error(read.off);
  config = read;
  fixture = stateApiFixture('plein-push-', { push: { publicKey: config.publicKey, allowedHosts: config.allowedHosts } });
});
afterAll(async () => {
  await fixture.cleanUp();
  await service.close();
});

const json = async (res: Response | Promise<Response>) => (await res).json() as Promise<Record<string, any>>;
const note = (over: Partial<NewNotification> & { source: string }): NewNotification => ({
  person: 'anouk-de-vries', kind: 'reactie-op-bericht', actor: 'bas-bakker', target: { type: 'bericht', id: '01JAAAAAAAAAAAAAAAAAAAAAAA' }, title: 'Taart bij de koffie', text: 'Lekker!',
  url: '/berichten/01JAAAAAAAAAAAAAAAAAAAAAAA/#reactie-1', groupKey: 'reacties:bericht:01JAAAAAAAAAAAAAAAAAAAAAAA', inApp: true, email: false, push: true, ...over,
});

describe('push settings', () => {
  it('reads the VAPID keys and refuses half or wrong ones with a reason that holds no secret', () => {
    expect(readPushConfig({})).toEqual({ off: expect.stringContaining('npm run vapid') });
    expect(readPushConfig({ PLEIN_VAPID_PUBLIC_KEY: keys.publicKey })).toEqual({ off: expect.stringContaining('PLEIN_VAPID_PRIVATE_KEY') });
    const wrong = readPushConfig({ PLEIN_VAPID_PUBLIC_KEY: keys.publicKey, PLEIN_VAPID_PRIVATE_KEY: 'geheim-maar-geen-sleutel' });
    expect(wrong).toEqual({ off: expect.stringContaining('PLEIN_VAPID_PRIVATE_KEY is geen VAPID-sleutel') });
    expect(JSON.stringify(wrong)).not.toContain('geheim-maar-geen-sleutel');
    expect(readPushConfig({ PLEIN_VAPID_PUBLIC_KEY: keys.publicKey, PLEIN_VAPID_PRIVATE_KEY: keys.privateKey, PLEIN_VAPID_SUBJECT: 'intranet' })).toHaveProperty('off');
    expect(readPushConfig({ PLEIN_VAPID_PUBLIC_KEY: keys.publicKey, PLEIN_VAPID_PRIVATE_KEY: keys.privateKey, PLEIN_SITE_URL: 'https://intranet.wadvoort.nl' })).toMatchObject({ subject: 'https://intranet.wadvoort.nl' });
  });
});

describe('push subscriptions (/api/push)', () => {
  it('stores a browser subscription per colleague, says how many, and removes only one’s own', async () => {
    const { state, api } = await fixture.setUp();
    expect(await json(api.request('/api/push', { as: 'anouk-de-vries' }))).toEqual({ publicKey: config.publicKey, abonnementen: 0 });
    expect((await api.request('/api/push')).status).toBe(401);
    const phone = service.subscribe();
    const res = await api.request('/api/push/abonnementen', { method: 'POST', as: 'anouk-de-vries', json: phone });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toContain('no-store');
    expect(await json(api.request('/api/push', { as: 'anouk-de-vries' }))).toMatchObject({ abonnementen: 1 });
    expect((await state.pushSubscriptions.of('anouk-de-vries'))[0]).toMatchObject({ endpoint: phone.endpoint, keys: phone.keys });
    // Bas cannot remove Anouk's; Anouk can.
    expect((await api.request('/api/push/abonnementen', { method: 'DELETE', as: 'bas-bakker', json: { endpoint: phone.endpoint } })).status).toBe(204);
    expect(await state.pushSubscriptions.of('anouk-de-vries')).toHaveLength(1);
    expect((await api.request('/api/push/abonnementen', { method: 'DELETE', as: 'anouk-de-vries', json: { endpoint: phone.endpoint } })).status).toBe(204);
    expect(await state.pushSubscriptions.of('anouk-de-vries')).toEqual([]);
  });

  it('refuses what is not a browser’s subscription at a push service (422 ongeldig_abonnement, nothing stored)', async () => {
    const { state, api } = await fixture.setUp();
    const good = service.subscribe();
    const notOnCurve = Buffer.alloc(65, 7);
    notOnCurve[0] = 4;
    const cases: [string, unknown, RegExp][] = [
      ['not https', { ...good, endpoint: good.endpoint.replace('https:', 'http:') }, /https:\/\//],
      ['not a push service (an internal server)', { ...good, endpoint: 'https://intranet-db.wadvoort.local/push/1' }, /bekende pushdienst/],
      ['credentials in the URL', { ...good, endpoint: good.endpoint.replace('https://', 'https://u:p@') }, /wachtwoord/],
      ['no URL', { ...good, endpoint: 'geen adres' }, /geen geldig adres/],
      ['no keys', { endpoint: good.endpoint }, /keys ontbreekt/],
      ['a key that is no point on P-256', { ...good, keys: { ...good.keys, p256dh: notOnCurve.toString('base64url') } }, /p256dh/],
      ['a short key', { ...good, keys: { ...good.keys, p256dh: good.keys.p256dh.slice(0, 40) } }, /p256dh/],
      ['an auth secret of 8 bytes', { ...good, keys: { ...good.keys, auth: Buffer.alloc(8).toString('base64url') } }, /keys\.auth/],
      ['not base64url', { ...good, keys: { ...good.keys, auth: '!!!!' } }, /keys\.auth/],
      ['an array', [good], /endpoint, keys/],
    ];
    for (const [what, body, message] of cases) {
      const res = await api.request('/api/push/abonnementen', { method: 'POST', as: 'anouk-de-vries', json: body });
      expect(res.status, what).toBe(422);
      const error = (await res.json()).error;
      expect(error.code, what).toBe('ongeldig_abonnement');
      expect(error.message, what).toMatch(message);
    }
    expect(await state.pushSubscriptions.of('anouk-de-vries')).toEqual([]);
  });

  it('says push is off where the server has no VAPID keys, and refuses subscriptions there', async () => {
    const off = stateApiFixture('plein-push-uit-');
    try {
      const { api } = await off.setUp();
      expect(await json(api.request('/api/push', { as: 'anouk-de-vries' }))).toEqual({ publicKey: null, abonnementen: 0 });
      const res = await api.request('/api/push/abonnementen', { method: 'POST', as: 'anouk-de-vries', json: service.subscribe() });
      expect(res.status).toBe(503);
      expect((await res.json()).error.code).toBe('push_uit');
    } finally {
      await off.cleanUp();
    }
  });
});

describe('the push sender (web-push to the loopback push service)', () => {
  async function setUpSender(start = Date.UTC(2026, 11, 7, 10)) {
    const { state } = await fixture.setUp();
    // They chose push for every kind (the fan-out marks a notification for push only then).
    for (const person of ['anouk-de-vries', 'bas-bakker']) {
      const settings = await state.notifications.settings(person);
      for (const kind of Object.values(settings.soorten)) kind.push = true;
      await state.notifications.saveSettings(person, settings);
    }
    let clock = start;
    const sender = createPushSender({ pushSubscriptions: state.pushSubscriptions, notifications: state.notifications, people: makePeople(), send: webPushSend(config, service.agent), now: () => clock });
    return { state, sender, at: () => clock, advance: (ms: number) => (clock += ms) };
  }

  it('sends one encrypted push per notification to each browser, with VAPID, and marks it sent once', async () => {
    const { state, sender, at } = await setUpSender();
    const [phone, laptop] = [service.subscribe(), service.subscribe()];
    await state.pushSubscriptions.save('anouk-de-vries', phone, at());
    await state.pushSubscriptions.save('anouk-de-vries', laptop, at());
    await state.notifications.notify([note({ source: 'a' }), note({ source: 'b', person: 'bas-bakker', push: false })], at());
    await state.notifications.notify([note({ source: 'm', kind: 'vermelding', groupKey: 'vermelding:reactie:2', text: null })], at());
    expect(await sender.runOnce()).toMatchObject({ sent: 2, failed: 0, dropped: 0 });
    for (const sub of [phone, laptop]) {
      const messages = service.messagesFor(sub.endpoint.split('/').pop()!);
      expect(messages).toEqual([
        { title: 'Plein', body: 'Bas Bakker reageerde op je bericht ‘Taart bij de koffie’: “Lekker!”', url: '/berichten/01JAAAAAAAAAAAAAAAAAAAAAAA/#reactie-1', tag: 'reacties:bericht:01JAAAAAAAAAAAAAAAAAAAAAAA' },
        { title: 'Plein', body: 'Bas Bakker noemde je in een reactie ‘Taart bij de koffie’', url: '/berichten/01JAAAAAAAAAAAAAAAAAAAAAAA/#reactie-1', tag: 'vermelding:reactie:2' },
      ]);
    }
    const last = service.received[service.received.length - 1];
    expect(last).toMatchObject({ vapidKey: config.publicKey, claims: { aud: service.origin, sub: 'mailto:intranet@wadvoort.nl' }, urgency: 'high' });
    expect(service.refused).toEqual([]);
    const before = service.received.length;
    expect(await sender.runOnce()).toMatchObject({ sent: 0 });
    expect(service.received.length).toBe(before);
    expect(await state.pushSubscriptions.pending()).toEqual([]);
  });

  it('drops a subscription the push service answers 410 or 404 for; keeps and retries one that fails with 500, after a back-off', async () => {
    const { state, sender, at, advance } = await setUpSender();
    const [gone, flaky] = [service.subscribe(), service.subscribe()];
    const id = (s: { endpoint: string }) => s.endpoint.split('/').pop()!;
    await state.pushSubscriptions.save('anouk-de-vries', gone, at());
    await state.pushSubscriptions.save('bas-bakker', flaky, at());
    service.answer(id(gone), 410);
    service.answer(id(flaky), 500);
    await state.notifications.notify([note({ source: 'a' }), note({ source: 'b', person: 'bas-bakker' })], at());
    expect(await sender.runOnce()).toMatchObject({ sent: 0, dropped: 1, failed: 1 });
    expect(await state.pushSubscriptions.of('anouk-de-vries')).toEqual([]);
    expect((await state.pushSubscriptions.of('bas-bakker'))[0].failures).toBe(1);
    expect((await state.pushSubscriptions.pending()).map((p) => p.person)).toEqual(['bas-bakker']);
    // Within the back-off nothing is tried; after it, the service is back and the push arrives once.
    service.answer(id(flaky), 201);
    expect(await sender.runOnce()).toMatchObject({ sent: 0, waiting: 1 });
    advance(31_000);
    expect(await sender.runOnce()).toMatchObject({ sent: 1 });
    expect(service.messagesFor(id(flaky))).toHaveLength(1);
    expect((await state.pushSubscriptions.of('bas-bakker'))[0].failures).toBe(0);
    expect(await state.pushSubscriptions.pending()).toEqual([]);
  });

  it('waits through quiet hours, skips what was read, turned off or is stale, and says nothing of a private group but its name', async () => {
    // 23:30 in Amsterdam (UTC+1 in December).
    const { state, sender, at, advance } = await setUpSender(Date.UTC(2026, 11, 7, 22, 30));
    const sub = service.subscribe();
    const subId = sub.endpoint.split('/').pop()!;
    await state.pushSubscriptions.save('anouk-de-vries', sub, at());
    const settings = await state.notifications.settings('anouk-de-vries');
    settings.stil = { van: '22:00', tot: '07:00' };
    settings.soorten['nieuw-van-collega'].push = false;
    await state.notifications.saveSettings('anouk-de-vries', settings);
    await state.notifications.notify([
      note({ source: 'p', kind: 'nieuw-in-groep', title: 'Bestuurskamer', text: null, url: '/groepen/prive/?id=p-bestuur#bericht-1', groupKey: 'groep:p-bestuur', target: { type: 'groep', id: 'p-bestuur' } }),
      note({ source: 'c', kind: 'nieuw-van-collega', groupKey: 'collega:bas-bakker' }),
      note({ source: 'r', groupKey: 'gelezen' }),
    ], at());
    const read = (await state.notifications.inbox('anouk-de-vries')).find((n) => n.groupKey === 'gelezen')!;
    await state.notifications.markRead('anouk-de-vries', [read.id], at());
    expect(await sender.runOnce()).toMatchObject({ sent: 0, waiting: 1, skipped: 2 });
    expect(service.messagesFor(subId)).toEqual([]);
    advance(9 * 60 * 60 * 1000); // 08:30
    expect(await sender.runOnce()).toMatchObject({ sent: 1 });
    expect(service.messagesFor(subId)).toEqual([{ title: 'Plein', body: 'Nieuw bericht in Bestuurskamer', url: '/groepen/prive/?id=p-bestuur#bericht-1', tag: 'groep:p-bestuur' }]);
    await state.notifications.notify([note({ source: 'old' })], at() - PUSH_STALE_MS - 1);
    expect(await sender.runOnce()).toMatchObject({ sent: 0, skipped: 1 });
    expect(await state.pushSubscriptions.pending()).toEqual([]);
  });
});

describe('the push worker (startPush)', () => {
  it('is off without VAPID keys (said once), and with them sends in the background on the server holding the lock', async () => {
    const { state } = await fixture.setUp();
    const logs: string[] = [];
    const off = startPush(state, { people: makePeople(), env: {}, log: (m) => logs.push(m) });
    await off();
    expect(logs).toEqual([expect.stringContaining('push staat uit')]);

    const settings = await state.notifications.settings('anouk-de-vries');
    settings.soorten['reactie-op-bericht'].push = true;
    await state.notifications.saveSettings('anouk-de-vries', settings);
    const sub = service.subscribe();
    await state.pushSubscriptions.save('anouk-de-vries', sub);
    await state.notifications.notify([note({ source: 'w' })]);
    const env = { PLEIN_VAPID_PUBLIC_KEY: keys.publicKey, PLEIN_VAPID_PRIVATE_KEY: keys.privateKey, PLEIN_PUSH_HOSTS: service.host };
    const stop = startPush(state, { people: makePeople(), env, agent: service.agent, periodMs: 20, log: (m) => logs.push(m) });
    try {
      await expect.poll(() => service.messagesFor(sub.endpoint.split('/').pop()!).length, { timeout: 5000 }).toBe(1);
    } finally {
      await stop();
    }
    expect(logs[1]).toContain('push staat aan');
    expect(logs.join('\n')).not.toContain(keys.privateKey);
    expect(await state.pushSubscriptions.pending()).toEqual([]);
  });
});

describe('npm run digest (the scheduled job where no server runs the push job)', () => {
  it('sends the pushes that wait, prints counts only, and is a no-op saying why without keys', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plein-push-digest-'));
    const state = await openStateStore({ PLEIN_STATE_DIR: dir });
    try {
      const settings = await state.notifications.settings('anouk-de-vries');
      settings.soorten['reactie-op-bericht'].push = true;
      await state.notifications.saveSettings('anouk-de-vries', settings);
      const sub = service.subscribe();
      await state.pushSubscriptions.save('anouk-de-vries', sub);
      await state.notifications.notify([note({ source: 'cron' })]);
      writeFileSync(join(dir, 'ca.pem'), service.cert);
      const run = (extra: Record<string, string>) => promisify(execFile)(process.execPath, ['scripts/digest.ts', '--json'], {
        env: { PATH: process.env.PATH, PLEIN_STATE_DIR: dir, PLEIN_CONTENT_DIR: 'content', ...extra }, cwd: join(import.meta.dirname, '..', '..'),
      });
      const off = await run({});
      expect(off.stdout).toContain('push staat uit');
      const { stdout } = await run({ PLEIN_VAPID_PUBLIC_KEY: keys.publicKey, PLEIN_VAPID_PRIVATE_KEY: keys.privateKey, PLEIN_PUSH_HOSTS: service.host, NODE_EXTRA_CA_CERTS: join(dir, 'ca.pem') });
      expect(JSON.parse(stdout.trim().split('\n').pop()!)).toMatchObject({ pushSent: 1, pushFailed: 0 });
      expect(stdout).not.toContain(keys.privateKey);
      expect(stdout).not.toContain(sub.endpoint);
      expect(service.messagesFor(sub.endpoint.split('/').pop()!)).toHaveLength(1);
    } finally {
      await state.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
