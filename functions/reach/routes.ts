// The reach API (issue 17, "bereik"):
//   POST /api/bereik                  the beacon of a news item or knowledge page: { pagina: "nieuws:<id>" | "kennis:<id>",
//                                     dag: "YYYY-MM-DD", week?: true }. The browser sends it once per item per day and
//                                     marks the device's first of the ISO week (localStorage); the server adds one to the
//                                     counters of that day × item × the reader's department (from the verified login,
//                                     never from the body). Always 204, never an error page: a beacon without a login, for
//                                     an unknown page, a day that is not today or yesterday, or past the flood limit of
//                                     the session is ignored. No address, browser or person is stored.
//   GET  /api/beheer/bereik?van&tot    editors: unique readers per item, per day and per department (small cells protected)
//   GET  /api/beheer/bereik?…&item=    editors: one item's readers per day and per department
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { getLocalDay, getWeekMonday } from '../../src/lib/weeks.ts';
import { identityOf, requireLogin } from '../auth/require-identity.ts';
import type { ContentDeps } from '../content/types.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../lib/api-error.ts';
import { validQuery } from '../lib/validate.ts';
import { readRetentionTerms } from '../retention/terms.ts';
import type { Reach, ReachSum } from '../state/reach.ts';
import { RETENTION_DEFAULTS } from '../../src/schemas/settings.ts';
import { MIN_CELL, protectMargins, type Figure, type RawCell } from './small-cells.ts';

/** How long the reach figures are kept by default: the site setting bewaartermijn.bereik's default (13 months). */
export const DEFAULT_REACH_RETENTION_MONTHS = RETENTION_DEFAULTS.bereik;
/** Beacons one colleague may send a minute by default (one per item per day is normal; more is a script). */
export const DEFAULT_BEACONS_PER_MINUTE = 60;
/** The longest period one answer covers. */
const MAX_DAYS = 400;
/** A beacon is a few dozen bytes. */
const MAX_BEACON_BYTES = 1024;
const DAY_MS = 86_400_000;
const NO_STORE = { 'Cache-Control': 'private, no-store' };
const KINDS = { nieuws: 'nieuws', kennis: 'kennis' } as const;
const PAGE = /^(nieuws|kennis):(.+)$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The settings of the reach routes, from the environment (Node); defaults elsewhere. */
export interface ReachSettings {
  /** PLEIN_BEWAARTERMIJN_BEREIK_MAANDEN: months the figures are kept; unset: the site setting bewaartermijn.bereik (default 13). */
  retentionMonths?: number;
  /** PLEIN_LIMIT_BEACONS_PER_MINUTE: beacons per colleague per minute in this process (0: no limit). */
  beaconsPerMinute: number;
}

/** Reads the reach settings; a value that is not a whole number ≥ 0 (≥ 1 for the retention) is refused with its name. */
export function readReachSettings(env: Record<string, string | undefined>): ReachSettings {
  const n = <T extends number | undefined>(name: string, fallback: T, least: number) => {
    const v = env[name];
    if (v === undefined || v === '') return fallback;
    const parsed = Number(v);
    if (!Number.isInteger(parsed) || parsed < least) throw new Error(`${name} moet een geheel getal ≥ ${least} zijn, niet "${v}"`);
    return parsed;
  };
  return {
    retentionMonths: n('PLEIN_BEWAARTERMIJN_BEREIK_MAANDEN', undefined, 1),
    beaconsPerMinute: n('PLEIN_LIMIT_BEACONS_PER_MINUTE', DEFAULT_BEACONS_PER_MINUTE, 0),
  };
}

/** The first day kept: `months` calendar months before `today`. */
export function retentionStart(today: string, months: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
}

const isDay = (s: string) => DAY.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const dayQuery = (name: string) => z.string().refine(isDay, `${name} moet een datum zijn (JJJJ-MM-DD).`).optional();
const figuresQuery = z.object({
  van: dayQuery('van'),
  tot: dayQuery('tot'),
  item: z.string().regex(PAGE, 'item moet nieuws:<id> of kennis:<id> zijn.').max(220).optional(),
});

const addDays = (day: string, n: number) => new Date(new Date(`${day}T00:00:00Z`).getTime() + n * DAY_MS).toISOString().slice(0, 10);
function daysFrom(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return days;
}

/** The cells of a margin: every day of the period (0 where nobody read), or the keys that have readers. */
const cellsOf = (sums: ReachSum<string>[], keys?: string[]): RawCell<string>[] => {
  if (!keys) return sums.map((s) => ({ key: s.key, value: s.readers }));
  const by = new Map(sums.map((s) => [s.key, s.readers]));
  return keys.map((key) => ({ key, value: by.get(key) ?? 0 }));
};

/** Shown cells by size (largest first), then the hidden ones by key: the order never ranks the hidden cells. */
function ordered<K extends string>(cells: { key: K; value: Figure }[]) {
  return [...cells].sort((a, b) => {
    const an = typeof a.value === 'number';
    const bn = typeof b.value === 'number';
    if (an && bn) return (b.value as number) - (a.value as number) || a.key.localeCompare(b.key);
    return an === bn ? a.key.localeCompare(b.key) : an ? -1 : 1;
  });
}

/** A flood guard per colleague in this process (fixed one-minute windows): nothing of it is stored. */
function floodGuard(perMinute: number) {
  const windows = new Map<string, { start: number; count: number }>();
  return (person: string, now: number): boolean => {
    if (perMinute === 0) return true;
    const start = now - (now % 60_000);
    let w = windows.get(person);
    if (!w || w.start !== start) {
      if (windows.size > 50_000) windows.clear();
      w = { start, count: 0 };
      windows.set(person, w);
    }
    return ++w.count <= perMinute;
  };
}

/** Builds the reach routes; `settings` default to the environment (Node) or the defaults. */
export function createReachRoutes(deps: ContentDeps, settings: ReachSettings = readReachSettings((globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {})) {
  const app = new Hono<AppEnv>();
  const reach = (): Reach => {
    if (!deps.state?.reach) throw new ApiError(503, 'bereik_niet_beschikbaar', 'De bereikcijfers zijn op deze server niet ingesteld (er is geen statusopslag).');
    return deps.state.reach;
  };
  const allowed = floodGuard(settings.beaconsPerMinute);

  // Whether a page exists, kept for a minute: a popular item gets many beacons, and reading the store for each costs more.
  const known = new Map<string, { at: number; found: Promise<boolean> }>();
  function exists(kind: keyof typeof KINDS, id: string): Promise<boolean> {
    const key = `${kind}:${id}`;
    const now = Date.now();
    const hit = known.get(key);
    if (hit && now - hit.at < 60_000) return hit.found;
    const found = (async () => {
      for (const path of deps.paths.entryFiles(KINDS[kind], id) ?? []) if (await deps.store.exists(path)) return true;
      return false;
    })();
    found.catch(() => known.delete(key));
    known.delete(key);
    known.set(key, { at: now, found });
    if (known.size > 5000) known.delete(known.keys().next().value!);
    return found;
  }

  /** What a beacon counts, or undefined when it is to be ignored. */
  async function beaconOf(c: Context<AppEnv>) {
    const who = c.get('identity');
    if (!who || !deps.state?.reach) return undefined;
    const text = await c.req.text();
    if (text.length > MAX_BEACON_BYTES) return undefined;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return undefined;
    }
    const { pagina, dag, week } = (body ?? {}) as { pagina?: unknown; dag?: unknown; week?: unknown };
    const page = typeof pagina === 'string' && pagina.length <= 220 ? PAGE.exec(pagina) : null;
    if (!page || typeof dag !== 'string' || !isDay(dag)) return undefined;
    // Today or yesterday (a page read just before midnight): never a future day, never a day long past.
    const now = deps.now();
    if (dag !== getLocalDay(now) && dag !== getLocalDay(new Date(now.getTime() - DAY_MS))) return undefined;
    const department = deps.people.byId(who.personId)?.department;
    if (!department || !allowed(who.personId, now.getTime())) return undefined;
    if (!(await exists(page[1] as keyof typeof KINDS, page[2]))) return undefined;
    return { item: `${page[1]}:${page[2]}`, day: dag, department, week: week === true ? getWeekMonday(new Date(`${dag}T12:00:00Z`)) : undefined };
  }

  app.post('/api/bereik', async (c) => {
    try {
      const beacon = await beaconOf(c);
      if (beacon) await reach().record(beacon);
    } catch (err) {
      // A beacon never fails the page; an unavailable store only costs this count.
      console.error('Bereik: een beacon kon niet worden geteld:', err instanceof Error ? err.message : err);
    }
    return c.body(null, 204);
  });

  let prunedOn = '';
  app.get('/api/beheer/bereik', requireLogin('Log in om de bereikcijfers te zien.'), validQuery(figuresQuery), async (c) => {
    const who = identityOf(c);
    if (!who.editor) throw new ApiError(403, 'niet_toegestaan', 'Alleen redacteuren zien de bereikcijfers.');
    const query = c.req.valid('query');
    const today = getLocalDay(deps.now());
    const tot = query.tot ?? today;
    const van = query.van ?? addDays(tot, -27);
    if (van > tot) throw new ApiError(422, 'periode_ongeldig', '“van” moet op of vóór “tot” liggen.');
    if (daysFrom(van, tot).length > MAX_DAYS) throw new ApiError(422, 'periode_te_lang', `Vraag de cijfers op voor hoogstens ${MAX_DAYS} dagen tegelijk.`);
    const store = reach();
    // The retention, once a day per server: what is older than the bewaartermijn goes before anything is read.
    if (prunedOn !== today) {
      const months = settings.retentionMonths ?? (await readRetentionTerms(deps.store, deps.paths.prefix).catch(() => RETENTION_DEFAULTS)).bereik;
      await store.prune(retentionStart(today, months));
      prunedOn = today;
    }
    const days = daysFrom(van, tot);
    const dayCells = (m: { cells: { key: string; value: Figure }[] }) => m.cells.map((x) => ({ dag: x.key, lezers: x.value }));
    const deptCells = (m: { cells: { key: string; value: Figure }[] }) => ordered(m.cells).map((x) => ({ afdeling: x.key, lezers: x.value }));
    if (query.item) {
      const sums = await store.item(query.item, van, tot);
      const [perDay, perDepartment] = protectMargins([cellsOf(sums.days, days), cellsOf(sums.departments)]);
      return c.json({ item: query.item, van, tot, minimum: MIN_CELL, totaal: perDay.total, dagen: dayCells(perDay), overigDagen: perDay.overig, afdelingen: deptCells(perDepartment), overigAfdelingen: perDepartment.overig }, 200, NO_STORE);
    }
    const sums = await store.overview(van, tot);
    const [perItem, perDay, perDepartment] = protectMargins([cellsOf(sums.items), cellsOf(sums.days, days), cellsOf(sums.departments)]);
    return c.json(
      {
        van,
        tot,
        minimum: MIN_CELL,
        totaal: perItem.total,
        items: ordered(perItem.cells).map((x) => ({ item: x.key, lezers: x.value })),
        overigItems: perItem.overig,
        dagen: dayCells(perDay),
        overigDagen: perDay.overig,
        afdelingen: deptCells(perDepartment),
        overigAfdelingen: perDepartment.overig,
      },
      200,
      NO_STORE,
    );
  });

  return app;
}
