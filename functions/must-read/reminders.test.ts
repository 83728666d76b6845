import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makePeople } from '../../tests/support/posting-api.ts';
import { openTempState } from '../../tests/support/state.ts';
import { createNewsCatalog } from './catalog.ts';
import { loadNewsFromDisk } from './catalog-disk.ts';
import { remindMustRead } from './reminders.ts';
import { PUBLISHED, newsItem, testCatalog } from './test-catalog.ts';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function setUp(news = testCatalog()) {
  const state = await openTempState();
  cleanups.push(() => state.remove());
  const run = (at: number) => remindMustRead({ news, confirmations: state.readConfirmations, notifications: state.notifications, now: at });
  const inbox = async (person: string) => (await state.notifications.inbox(person)).filter((n) => n.kind === 'verplicht-lezen').map((n) => `${n.target.id}: ${n.text}`);
  return { state, run, inbox };
}

describe('must-read reminders', () => {
  it('reminds the audience that has not confirmed after 3 days and at the deadline, once each, on an injected clock', async () => {
    const { state, run, inbox } = await setUp();
    // HR (anouk, mo) for mfa-verplicht (deadline after 5 days); everyone for nieuw-rooster (no deadline).
    await state.readConfirmations.confirm('mfa-verplicht', 'mod-koffie', PUBLISHED + HOUR);
    await state.readConfirmations.confirm('nieuw-rooster', 'eva-editor', PUBLISHED + HOUR);
    expect(await run(PUBLISHED + 3 * DAY - 1)).toBe(0);
    expect(await run(PUBLISHED + 3 * DAY)).toBe(4);
    expect((await inbox('anouk-de-vries')).sort()).toEqual([
      expect.stringMatching(/^mfa-verplicht: Je hebt ‘Titel van mfa-verplicht’ nog niet als gelezen bevestigd\. Het is verplicht om te lezen\. Graag vóór .*2026/),
      'nieuw-rooster: Je hebt ‘Titel van nieuw-rooster’ nog niet als gelezen bevestigd. Het is verplicht om te lezen.',
    ]);
    // Not for someone who confirmed, not outside the audience (bas is in ICT), not for ordinary, draft or future news.
    expect(await inbox('mod-koffie')).toEqual(['nieuw-rooster: Je hebt ‘Titel van nieuw-rooster’ nog niet als gelezen bevestigd. Het is verplicht om te lezen.']);
    expect(await inbox('bas-bakker')).toEqual(['nieuw-rooster: Je hebt ‘Titel van nieuw-rooster’ nog niet als gelezen bevestigd. Het is verplicht om te lezen.']);
    expect(await inbox('eva-editor')).toEqual([]);
    // Running again (another server, a restart) tells nobody twice.
    expect(await run(PUBLISHED + 3 * DAY + HOUR)).toBe(0);

    await state.readConfirmations.confirm('nieuw-rooster', 'bas-bakker', PUBLISHED + 4 * DAY);
    expect(await run(PUBLISHED + 5 * DAY)).toBe(1);
    expect(await inbox('anouk-de-vries')).toContain('mfa-verplicht: De deadline voor ‘Titel van mfa-verplicht’ is verstreken: lees het en druk op ‘Gelezen’.');
    expect((await inbox('mod-koffie')).length).toBe(1);
    expect(await run(PUBLISHED + 6 * DAY)).toBe(0);
    expect((await state.notifications.inbox('anouk-de-vries')).filter((n) => n.kind === 'verplicht-lezen')).toHaveLength(3);
  });

  it('writes the same reminder once even when a run is repeated before its marker moved; sends nothing a week late; respects the channels chosen', async () => {
    const { state, run, inbox } = await setUp(createNewsCatalog(() => [newsItem('mfa-verplicht'), newsItem('oud', { publishedAt: PUBLISHED - 20 * DAY })], makePeople()));
    const settings = await state.notifications.settings('mod-koffie');
    settings.soorten['verplicht-lezen'] = { plein: false, email: false, push: false };
    await state.notifications.saveSettings('mod-koffie', settings);
    // A crash after writing, before the marker: the same rows again change nothing.
    await Promise.all([run(PUBLISHED + 3 * DAY), run(PUBLISHED + 3 * DAY)]);
    expect(await inbox('anouk-de-vries')).toHaveLength(1);
    expect(await inbox('anouk-de-vries')).not.toContain(expect.stringMatching(/^oud:/));
    expect(await inbox('mod-koffie')).toEqual([]);
    expect(await state.notifications.cursor('gelezen:oud:na-3-dagen')).toBeDefined();
  });

  it('reads must-read news, its deadline and its audience from the content folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plein-verplicht-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, 'nieuws', '2026'), { recursive: true });
    const item = (extra: string) => `---\ntitle: MFA verplicht\nsummary: Vanaf december log je overal in met MFA.\ndate: 2026-12-01\nauthor: eva-editor\ncategory: ict\n${extra}---\nTekst.\n`;
    writeFileSync(join(dir, 'nieuws', 'mfa.md'), item('verplichtLezen: true\ngelezenVoor: 2026-12-15T12:00:00Z\naudience:\n  departments: [hr]\n'));
    writeFileSync(join(dir, 'nieuws', '2026', 'gewoon.md'), item(''));
    writeFileSync(join(dir, 'nieuws', 'kapot.md'), item('gelezenVoor: 2026-12-15\n'));
    const news = createNewsCatalog(() => loadNewsFromDisk(dir), makePeople());
    const at = Date.UTC(2026, 11, 2);
    expect(news.mustRead(at).map((n) => [n.id, n.url, n.deadline])).toEqual([['mfa', '/nieuws/mfa/', Date.UTC(2026, 11, 15, 12)]]);
    expect([...news.audienceOf(news.byId('mfa')!)].sort()).toEqual(['anouk-de-vries', 'mod-koffie']);
    expect(news.byId('2026/gewoon')?.mustRead).toBe(false);
    // A deadline without must-read does not fit the schema (the build refuses it): not known.
    expect(news.byId('kapot')).toBeUndefined();
  });
});
