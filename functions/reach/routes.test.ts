import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalGitStore } from '../store/local-git-store.ts';
import { openStateStore } from '../state/open.ts';
import type { StateStore } from '../state/store.ts';
import { makeContentDeps, makeRouteTestApp } from '../../tests/support/posting-api.ts';
import { makeTempRepo } from '../../tests/support/temp-repo.ts';
import { createReachRoutes, readReachSettings, retentionStart } from './routes.ts';
import { MIN_CELL } from './small-cells.ts';

const dirs: string[] = [];
const stores: StateStore[] = [];
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

// 30 November 2026, 10:00 in Amsterdam.
const NOW = new Date('2026-11-30T09:00:00Z');

async function setUp(beaconsPerMinute = 60, retentionMonths: number | null = 13, siteYml?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'plein-bereik-'));
  dirs.push(dir);
  const state = await openStateStore({ PLEIN_STATE_DIR: dir });
  stores.push(state);
  const repo = makeTempRepo(
    {
      'content/nieuws/mfa-verplicht.md': '---\ntitle: MFA verplicht\n---\nTekst.\n',
      'content/weten-en-regelen/verlof/aanvragen.md': '---\ntitle: Verlof aanvragen\n---\nTekst.\n',
      ...(siteYml ? { 'content/instellingen/site.yml': siteYml } : {}),
    },
    'plein-bereik-repo-',
  );
  const deps = makeContentDeps({ state, now: () => NOW }, createLocalGitStore({ repoDir: repo }));
  const { request } = makeRouteTestApp((app) => app.route('/', createReachRoutes(deps, { retentionMonths: retentionMonths ?? undefined, beaconsPerMinute })));
  const beacon = (as: string | undefined, body: unknown) => request('/api/bereik', { method: 'POST', as, body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'text/plain' } });
  const counted = async (item: string) => {
    const sums = await state.reach.item(item, '2026-01-01', '2026-12-31');
    return Object.fromEntries(sums.departments.map((d) => [d.key, d.readers]));
  };
  return { state, request, beacon, counted };
}

/** Every number anywhere in a JSON answer. */
function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(numbersIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(numbersIn);
  return [];
}

describe('reach beacon (POST /api/bereik)', () => {
  it('counts a beacon once, in the department of the login (never the body’s), and the week when the browser says it is the first', async () => {
    const { beacon, counted, state } = await setUp();
    const res = await beacon('anouk-de-vries', { pagina: 'nieuws:mfa-verplicht', dag: '2026-11-30', week: true, afdeling: 'ict' });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect(await counted('nieuws:mfa-verplicht')).toEqual({ hr: 1 });
    // A knowledge page in a sub-folder, yesterday (read just before midnight), not the first of the week.
    expect((await beacon('bas-bakker', { pagina: 'kennis:verlof/aanvragen', dag: '2026-11-29' })).status).toBe(204);
    expect(await counted('kennis:verlof/aanvragen')).toEqual({ ict: 1 });
    const weekly = await state.db.selectFrom('reach_weekly').selectAll().execute();
    expect(weekly).toEqual([{ week: '2026-11-30', department: 'hr', readers: 1 }]);
  });

  it('ignores with 204 a beacon without login, for an unknown page, a future or old day, or that is not one', async () => {
    const { beacon, state } = await setUp();
    const ignored = [
      [undefined, { pagina: 'nieuws:mfa-verplicht', dag: '2026-11-30' }],
      ['anouk-de-vries', { pagina: 'nieuws:bestaat-niet', dag: '2026-11-30' }],
      ['anouk-de-vries', { pagina: 'bericht:mfa-verplicht', dag: '2026-11-30' }],
      ['anouk-de-vries', { pagina: 'nieuws:../../etc/passwd', dag: '2026-11-30' }],
      ['anouk-de-vries', { pagina: 'nieuws:mfa-verplicht', dag: '2026-12-01' }],
      ['anouk-de-vries', { pagina: 'nieuws:mfa-verplicht', dag: '2026-11-20' }],
      ['anouk-de-vries', { pagina: 'nieuws:mfa-verplicht', dag: '2026-02-31' }],
      ['anouk-de-vries', { pagina: 'nieuws:mfa-verplicht' }],
      ['anouk-de-vries', '{niet: json'],
      ['anouk-de-vries', JSON.stringify({ pagina: 'nieuws:mfa-verplicht', dag: '2026-11-30', x: 'a'.repeat(2000) })],
    ] as const;
    for (const [as, body] of ignored) {
      const res = await beacon(as, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(204);
    }
    expect(await state.db.selectFrom('reach_daily').selectAll().execute()).toEqual([]);
    expect(await state.db.selectFrom('reach_weekly').selectAll().execute()).toEqual([]);
  });

  it('ignores a flood from one session past its limit a minute, still with 204, and keeps counting others', async () => {
    const { beacon, counted } = await setUp(3);
    const answers = await Promise.all(Array.from({ length: 8 }, () => beacon('anouk-de-vries', { pagina: 'nieuws:mfa-verplicht', dag: '2026-11-30' })));
    expect(answers.map((r) => r.status)).toEqual(Array(8).fill(204));
    await beacon('bas-bakker', { pagina: 'nieuws:mfa-verplicht', dag: '2026-11-30' });
    expect(await counted('nieuws:mfa-verplicht')).toEqual({ hr: 3, ict: 1 });
  });
});

describe('reach figures (GET /api/beheer/bereik)', () => {
  it('answers 401 without login, 403 to a non-editor, 422 for a bad period, and the editor the protected figures', async () => {
    const { request, state } = await setUp();
    expect((await request('/api/beheer/bereik')).status).toBe(401);
    const forbidden = await request('/api/beheer/bereik', { as: 'anouk-de-vries' });
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ error: { code: 'niet_toegestaan' } });
    for (const [query, code] of [['van=2026-11-30&tot=2026-11-01', 'periode_ongeldig'], ['van=2024-01-01&tot=2026-11-30', 'periode_te_lang'], ['van=gisteren', 'ongeldige_invoer'], ['item=bericht:x', 'ongeldige_invoer']]) {
      const res = await request(`/api/beheer/bereik?${query}`, { as: 'eva-editor' });
      expect(res.status, query).toBe(422);
      expect(((await res.json()) as { error: { code: string } }).error.code, query).toBe(code);
    }

    // 12 hr and 6 ict readers on the 30th, 3 facilitair on the 29th: facilitair is < 5 and ict is hidden with it.
    const record = (n: number, day: string, department: string) => Promise.all(Array.from({ length: n }, () => state.reach.record({ item: 'nieuws:mfa-verplicht', day, department })));
    await record(12, '2026-11-30', 'hr');
    await record(6, '2026-11-30', 'ict');
    await record(3, '2026-11-29', 'facilitair');
    const res = await request('/api/beheer/bereik?van=2026-11-28&tot=2026-11-30&item=nieuws:mfa-verplicht', { as: 'eva-editor' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    expect(await res.json()).toEqual({
      item: 'nieuws:mfa-verplicht',
      van: '2026-11-28',
      tot: '2026-11-30',
      minimum: 5,
      totaal: 21,
      // The 28th (0) and the 29th (3) are < 5; their sum 3 would be derivable, so the 30th is hidden too.
      dagen: [{ dag: '2026-11-28', lezers: '< 5' }, { dag: '2026-11-29', lezers: '< 5' }, { dag: '2026-11-30', lezers: 'verborgen' }],
      overigDagen: 21,
      afdelingen: [{ afdeling: 'hr', lezers: 12 }, { afdeling: 'facilitair', lezers: '< 5' }, { afdeling: 'ict', lezers: 'verborgen' }],
      overigAfdelingen: 9,
    });
  });

  it('over random readership, no number below 5 leaves the API, overview or item', async () => {
    const { request, state } = await setUp();
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const items = ['nieuws:a', 'nieuws:b', 'kennis:c', 'kennis:d', 'nieuws:e'];
    const departments = ['hr', 'ict', 'facilitair', 'financien'];
    const days = ['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30'];
    for (let i = 0; i < 180; i++) {
      const pick = <T>(list: T[]) => list[Math.floor(Math.pow(next(), 2) * list.length)];
      await state.reach.record({ item: pick(items), day: pick(days), department: pick(departments), week: next() < 0.3 ? '2026-11-23' : undefined });
    }
    const answers = [await request('/api/beheer/bereik?van=2026-11-24&tot=2026-11-30', { as: 'eva-editor' })];
    for (const item of items) answers.push(await request(`/api/beheer/bereik?van=2026-11-24&tot=2026-11-30&item=${item}`, { as: 'eva-editor' }));
    let smallSeen = 0;
    for (const res of answers) {
      const body = await res.json();
      for (const n of numbersIn(body)) expect(n, JSON.stringify(body)).toBeGreaterThanOrEqual(MIN_CELL);
      smallSeen += (JSON.stringify(body).match(/"< 5"/g) ?? []).length;
    }
    expect(smallSeen).toBeGreaterThan(0);
    // The weekly active readers the dashboard reads: protected the same way.
    for (const n of numbersIn(await state.reach.weeklyActiveReaders('2026-11-16', '2026-11-30'))) expect(n).toBeGreaterThanOrEqual(MIN_CELL);
  });
});

describe('reach settings', () => {
  it('reads the retention and the flood limit from the environment, refusing nonsense with its name', () => {
    expect(readReachSettings({})).toEqual({ retentionMonths: undefined, beaconsPerMinute: 60 });
    expect(readReachSettings({ PLEIN_BEWAARTERMIJN_BEREIK_MAANDEN: '24', PLEIN_LIMIT_BEACONS_PER_MINUTE: '0' })).toEqual({ retentionMonths: 24, beaconsPerMinute: 0 });
    expect(() => readReachSettings({ PLEIN_BEWAARTERMIJN_BEREIK_MAANDEN: '0' })).toThrow(/PLEIN_BEWAARTERMIJN_BEREIK_MAANDEN/);
    expect(() => readReachSettings({ PLEIN_LIMIT_BEACONS_PER_MINUTE: 'veel' })).toThrow(/PLEIN_LIMIT_BEACONS_PER_MINUTE/);
    expect(retentionStart('2026-11-30', 13)).toBe('2025-10-30');
  });

  it('prunes figures past the retention before the editor reads them', async () => {
    const { request, state } = await setUp();
    await state.reach.record({ item: 'nieuws:mfa-verplicht', day: '2025-10-29', department: 'hr', week: '2025-10-27' });
    await state.reach.record({ item: 'nieuws:mfa-verplicht', day: '2025-10-30', department: 'hr' });
    expect((await request('/api/beheer/bereik', { as: 'eva-editor' })).status).toBe(200);
    expect((await state.db.selectFrom('reach_daily').select('day').execute()).map((r) => r.day)).toEqual(['2025-10-30']);
    expect(await state.db.selectFrom('reach_weekly').selectAll().execute()).toEqual([]);
  });

  it('takes the retention from the site setting bewaartermijn.bereik when the environment does not set it (issue 19)', async () => {
    const { request, state } = await setUp(60, null, 'name: Plein\nbewaartermijn:\n  bereik: 2\n');
    await state.reach.record({ item: 'nieuws:mfa-verplicht', day: '2026-09-29', department: 'hr' });
    await state.reach.record({ item: 'nieuws:mfa-verplicht', day: '2026-09-30', department: 'hr' });
    expect((await request('/api/beheer/bereik', { as: 'eva-editor' })).status).toBe(200);
    expect((await state.db.selectFrom('reach_daily').select('day').execute()).map((r) => r.day)).toEqual(['2026-09-30']);
  });
});
