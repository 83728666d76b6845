// E-mail end to end (issue 14) against a real SMTP server on loopback (smtp-server), read with mailparser: the
// immediate mail (both parts, lang, one-click unsubscribe), batching per 15 minutes, quiet hours, private groups
// without text, the unsubscribe link posted like a mail client does, SMTP down and back (one Message-ID), no address,
// and the digest once per period.
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { createIdentity } from '../auth/session.ts';
import { ApiError } from '../lib/api-error.ts';
import type { NewNotification } from '../state/notifications.ts';
import { createLocalGitStore } from '../store/local-git-store.ts';
import { makeContentRepo, makePeople, PEOPLE } from '../../tests/support/posting-api.ts';
import { createTestPeople } from '../../tests/support/people.ts';
import { openTempState } from '../../tests/support/state.ts';
import type { DigestContent } from './digest-content.ts';
import { runDigest } from './digest.ts';
import { createMailSender, planMails } from './mail-jobs.ts';
import { mailKey } from './mail-token.ts';
import { createSmtpTransport } from './mail-worker.ts';

process.env.PLEIN_MAIL_SECRET = 'test-geheim-voor-afmeldlinks-0123456789abcdef';
const key = mailKey(process.env);
const SITE = 'https://intranet.wadvoort.test';
const people = makePeople([...PEOPLE, { id: 'zonder-mail', name: 'Zoë Zonder', email: '', department: 'hr', editor: false }]);

const received: ParsedMail[] = [];
let server: SMTPServer;
let port = 0;
function startSmtp(): Promise<void> {
  server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false, closeTimeout: 200,
    onData(stream, _session, done) {
      simpleParser(stream).then((m) => { received.push(m); done(); }, done);
    },
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => { port = (server.server.address() as AddressInfo).port; resolve(); }));
}
const stopSmtp = () => new Promise<void>((resolve) => server.close(() => resolve()));
beforeAll(startSmtp);

const stores: { remove(): Promise<void> }[] = [];
const transports: { close(): void }[] = [];
afterAll(async () => {
  transports.forEach((t) => t.close());
  await Promise.all(stores.splice(0).map((s) => s.remove()));
  await stopSmtp();
});

async function setUp(start = Date.UTC(2026, 10, 17, 9)) {
  const state = await openTempState();
  stores.push(state);
  const clock = { now: start };
  const transport = createSmtpTransport(`smtp://127.0.0.1:${port}`);
  transports.push(transport);
  const deps = { mailQueue: state.mailQueue, notifications: state.notifications, people, siteUrl: SITE, key, now: () => clock.now };
  const sender = createMailSender({ mailQueue: state.mailQueue, people, transport, from: 'Plein <plein@wadvoort.test>', now: () => clock.now });
  /** Plans and sends; gives the mails that arrived. */
  const run = async () => {
    const before = received.length;
    await planMails(deps);
    await sender.runOnce();
    return received.slice(before);
  };
  return { state, clock, deps, sender, run };
}

let seq = 0;
const note = (over: Partial<NewNotification> = {}): NewNotification => ({
  person: 'anouk-de-vries', kind: 'vermelding', actor: 'bas-bakker', target: { type: 'bericht', id: '01JAAAAAAAAAAAAAAAAAAAAAAA' }, title: 'Taart bij de koffie', text: 'Hoi @anouk-de-vries, lust jij ook taart?',
  url: '/berichten/01JAAAAAAAAAAAAAAAAAAAAAAA/', groupKey: `vermelding:bericht:${seq}`, source: `s${seq++}`, inApp: true, email: true, push: false, ...over,
});
/** A header as it arrived (unfolded). */
const header = (m: ParsedMail, name: string) => m.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '').replace(/\r?\n\s+/g, '') ?? '';

describe('e-mail', () => {
  it('mails a mention at once: HTML (lang nl) and text, absolute links, one-click unsubscribe headers, its queued Message-ID', async () => {
    const { state, clock, run } = await setUp();
    await state.notifications.notify([note()], clock.now);
    const [mail, ...more] = await run();
    expect(more).toEqual([]);
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('anouk@wadvoort.nl');
    expect(mail.subject).toBe('Bas Bakker noemde je in een bericht ‘Taart bij de koffie’');
    expect(mail.html).toContain('<html lang="nl">');
    expect(mail.html).toContain(`href="${SITE}/berichten/01JAAAAAAAAAAAAAAAAAAAAAAA/"`);
    expect(mail.text).toContain('Hoi @anouk-de-vries, lust jij ook taart?');
    expect(mail.text).toContain(`${SITE}/berichten/01JAAAAAAAAAAAAAAAAAAAAAAA/`);
    expect(header(mail, 'list-unsubscribe')).toMatch(new RegExp(`^<${SITE}/api/meldingen/afmelden\\?token=[\\w.%-]+>$`));
    expect(header(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const [queued] = await state.mailQueue.of('anouk-de-vries');
    expect(mail.messageId).toBe(queued.messageId);
    expect(queued.sentAt).toBe(clock.now);
  });

  it('sends at most one mail per colleague per 15 minutes (all waiting in one), and waits for the end of the quiet hours', async () => {
    const { state, clock, run } = await setUp();
    await state.notifications.notify([note(), note({ actor: 'eva-editor' })], clock.now);
    const first = await run();
    expect(first).toHaveLength(1);
    expect(first[0].subject).toBe('2 nieuwe meldingen op Plein');
    clock.now += 5 * 60_000;
    await state.notifications.notify([note({ actor: 'mod-koffie' })], clock.now);
    expect(await run()).toEqual([]);
    clock.now += 10 * 60_000;
    expect((await run()).map((m) => m.subject)).toEqual(['Mo de Moderator noemde je in een bericht ‘Taart bij de koffie’']);

    // Quiet hours 10:00–11:00 Amsterdam (09:00–10:00 UTC in November): held until they end.
    const settings = await state.notifications.settings('bas-bakker');
    settings.stil = { van: '10:00', tot: '11:00' };
    await state.notifications.saveSettings('bas-bakker', settings);
    clock.now = Date.UTC(2026, 10, 17, 9, 30);
    await state.notifications.notify([note({ person: 'bas-bakker', actor: 'anouk-de-vries' })], clock.now);
    expect(await run()).toEqual([]);
    clock.now = Date.UTC(2026, 10, 17, 10, 0);
    expect((await run()).map((m) => m.subject)).toEqual(['Anouk de Vries noemde je in een bericht ‘Taart bij de koffie’']);
  });

  it('tells of a private group only its name and the link; a colleague without an address gets none', async () => {
    const { state, clock, run } = await setUp();
    const settings = await state.notifications.settings('anouk-de-vries');
    settings.soorten['nieuw-in-groep'].email = true;
    await state.notifications.saveSettings('anouk-de-vries', settings);
    await state.notifications.notify([
      note({ kind: 'nieuw-in-groep', title: 'Geheime groep', text: 'GEHEIME TEKST', url: '/groepen/prive/?id=g1', groupKey: 'groep:g1', target: { type: 'groep', id: 'g1' } }),
      note({ person: 'zonder-mail' }),
    ], clock.now);
    const mails = await run();
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Nieuw bericht in Geheime groep');
    expect(mails[0].text).toContain(`${SITE}/groepen/prive/?id=g1`);
    expect(`${mails[0].html}${mails[0].text}`).not.toContain('GEHEIM');
    expect(`${mails[0].html}${mails[0].text}`).not.toContain('Bas Bakker');
    expect(await state.mailQueue.of('zonder-mail')).toEqual([]);
    expect(await state.mailQueue.pendingNotifications()).toEqual([]);
  });

  it('turns that e-mail off with the unsubscribe link posted one-click from elsewhere; a forged token changes nothing', async () => {
    const { state, clock, run } = await setUp();
    await state.notifications.notify([note()], clock.now);
    const [mail] = await run();
    const link = header(mail, 'list-unsubscribe').slice(1, -1).replace(SITE, 'http://localhost');
    const app = createApp({
      identity: { ...createIdentity({}, createTestPeople()), mode: 'oidc', authenticate: async () => { throw new ApiError(401, 'niet_ingelogd', 'Log in.'); } },
      // The test's clock: the token it signed expires 90 days after it (at the real clock it would from 2027-02-15).
      content: { store: createLocalGitStore({ repoDir: makeContentRepo() }), people, state, processPhoto: () => Promise.reject(new Error('geen foto')), checkProposalBody: () => {}, now: () => new Date(clock.now) },
    });
    const page = await app.request(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post"');
    expect((await state.notifications.settings('anouk-de-vries')).soorten.vermelding.email).toBe(true);

    const forged = link.replace(/token=([^&]+)/, (_, t: string) => `token=${t.slice(0, -3)}${t.endsWith('AAA') ? 'BBB' : 'AAA'}`);
    const crossSite = { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://mail.example', 'sec-fetch-site': 'cross-site' };
    const refused = await app.request(forged, { method: 'POST', headers: crossSite, body: 'List-Unsubscribe=One-Click' });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('x-plein-fout')).toBe('afmeldlink_ongeldig');
    expect(await refused.text()).toContain('Deze afmeldlink werkt niet');
    expect((await state.notifications.settings('anouk-de-vries')).soorten.vermelding.email).toBe(true);

    const done = await app.request(link, { method: 'POST', headers: crossSite, body: 'List-Unsubscribe=One-Click' });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Je bent afgemeld');
    const after = await state.notifications.settings('anouk-de-vries');
    expect([after.soorten.vermelding, after.overzicht]).toEqual([{ plein: true, email: false, push: false }, 'wekelijks']);
    // Only this path is let through: every other route still needs a login (and writes the same origin).
    expect((await app.request('/api/meldingen/gelezen', { method: 'POST', headers: crossSite, body: 'alles=1' })).status).toBe(401);
    expect((await app.request('/api/meldingen/afmelden/extra', { method: 'POST', headers: crossSite })).status).toBe(401);
  });

  it('keeps a mail queued while SMTP is down (attempts + 1, back-off) and sends it once it is back, with the same Message-ID', async () => {
    const { state, clock, run } = await setUp();
    await stopSmtp();
    try {
      await state.notifications.notify([note()], clock.now);
      expect(await run()).toEqual([]);
      const [waiting] = await state.mailQueue.of('anouk-de-vries');
      expect(waiting).toMatchObject({ attempts: 1, sentAt: null, nextAttemptAt: clock.now + 30_000 });
      expect(waiting.lastError).toMatch(/^[A-Z0-9]+$/);
    } finally {
      await startSmtp();
    }
    clock.now += 10_000;
    expect(await run()).toEqual([]);
    clock.now += 20_000;
    const [mail] = await run();
    const [sent] = await state.mailQueue.of('anouk-de-vries');
    expect(mail.messageId).toBe(sent.messageId);
    expect(sent).toMatchObject({ attempts: 1, sentAt: clock.now });
  });

  it('queues and sends the digest once per colleague and period (running twice sends nothing new)', async () => {
    const { state, clock, deps, sender } = await setUp(Date.UTC(2026, 10, 16, 7));
    await state.memberships.join('koffietijd', 'anouk-de-vries', 'lid', 1);
    const settings = await state.notifications.settings('bas-bakker');
    settings.overzicht = 'dagelijks';
    await state.notifications.saveSettings('bas-bakker', settings);
    const content: DigestContent = {
      news: [{ id: 'fietsplan', title: 'Nieuw fietsplan', summary: 'Vanaf januari.', at: clock.now - 3_600_000 }],
      posts: [{ id: '01JPOST', group: 'koffietijd', author: 'eva-editor', excerpt: 'Wie wil er taart?', at: clock.now - 7_200_000, comments: 0 }],
      events: [{ id: 'bhv', title: 'BHV-training', location: 'Stadhuis', start: clock.now + 86_400_000, audience: 'iedereen' }],
      groupNames: new Map([['koffietijd', 'Koffietijd']]),
    };
    const before = received.length;
    const colleagues = ['anouk-de-vries', 'bas-bakker', 'zonder-mail'];
    const first = await runDigest({ ...deps, colleagues, content: () => content, send: () => sender.runOnce() });
    expect(first).toMatchObject({ queued: 2, already: 0, periods: ['dagelijks:2026-11-16', 'wekelijks:2026-W47'] });
    const mails = received.slice(before);
    expect(mails.map((m) => [m.to && 'text' in m.to ? m.to.text : '', m.subject]).sort()).toEqual([['anouk@wadvoort.nl', 'Deze week op Plein'], ['bas@wadvoort.nl', 'Vandaag op Plein']]);
    const anouk = mails.find((m) => m.subject === 'Deze week op Plein')!;
    expect(anouk.html).toContain('lang="nl"');
    expect(anouk.text).toContain('Nieuw in je groepen');
    expect(anouk.text).toContain('Eva Redacteur in Koffietijd');
    expect(anouk.text).toContain('BHV-training');
    expect(header(anouk, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    clock.now += 3_600_000;
    const second = await runDigest({ ...deps, colleagues, content: () => content, send: () => sender.runOnce() });
    expect(second).toMatchObject({ queued: 0, already: 2 });
    expect(received.length - before).toBe(2);
  });
});
