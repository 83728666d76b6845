// The /beheer dashboards render the figures computed from a fixture repository with a known history; a content
// folder without git history builds too, and says "geen gegevens".
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPECTED, FIXTURE_NOW, IDS, makeDashboardFixture } from '../support/dashboard-fixture.ts';
import { BUILD_SCRIPT } from '../../scripts/lib/build-command.ts';

const root = join(import.meta.dirname, '../..');
const cleanup: string[] = [];
afterAll(() => cleanup.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Builds `content` into a fresh folder at the fixture's "now"; returns a reader for built pages. */
function build(content: string): (path: string) => string {
  const out = mkdtempSync(join(tmpdir(), 'plein-dashboards-'));
  cleanup.push(out);
  const run = spawnSync(process.execPath, [BUILD_SCRIPT, '--outDir', out], {
    cwd: root,
    env: { ...process.env, PLEIN_CONTENT_DIR: content, PLEIN_BUILD_TIME: FIXTURE_NOW, PLEIN_LOCALE: 'nl' },
    encoding: 'utf8',
    timeout: 300_000,
  });
  expect(run.status, `${run.stdout.slice(-2000)}\n${run.stderr.slice(-2000)}`).toBe(0);
  return (path) => readFileSync(join(out, path, 'index.html'), 'utf8');
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();

/** The rows of the table marked `attr`, each as [row attribute value, ...cell texts]. */
function rows(html: string, attr: string, rowAttr: string): string[][] {
  const table = html.match(new RegExp(`<table[^>]*${attr}[^>]*>([\\s\\S]*?)</table>`))?.[1] ?? '';
  const body = table.slice(table.indexOf('<tbody'));
  return [...body.matchAll(new RegExp(`<tr[^>]*${rowAttr}(?:="([^"]*)")?[^>]*>([\\s\\S]*?)</tr>`, 'g'))].map(([, key, row]) => [
    key ?? '',
    ...[...row.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map(([, cell]) => text(cell)),
  ]);
}

const count = (html: string, name: string) => html.match(new RegExp(`data-count="${name}"[^>]*>(\\d+)<`))?.[1];

describe('dashboards built from the fixture repository', () => {
  let page: (path: string) => string;
  beforeAll(() => {
    const fixture = makeDashboardFixture();
    cleanup.push(fixture);
    page = build(fixture);
  }, 300_000);

  it('/beheer/actualiteit lists every knowledge page with status, review date and last change, most urgent first', () => {
    const html = page('beheer/actualiteit');
    for (const status of ['total', 'overdue', 'soon', 'fresh'] as const) expect(count(html, status), status).toBe(String(EXPECTED.counts[status]));
    const table = rows(html, 'data-fresh-table', 'data-page');
    expect(table.map((r) => r[0])).toEqual(EXPECTED.freshness.map((f) => f.id));
    expect(table).toEqual([
      ['hr/verlof', 'Verlof', 'HR', '1 oktober 2025', '1 oktober 2026', 'Te laat', '5 januari 2026'],
      ['hr/pensioen', 'Pensioen', 'ICT', '23 mei 2026', '23 november 2026', 'Te laat', '2 november 2026'],
      ['hr/ziekte', 'Ziekte', 'Anna Jansen', '10 december 2025', '10 december 2026', 'Binnenkort', '10 november 2026'],
      ['hr/thuiswerken', 'Thuiswerken', 'HR', '1 juni 2026', '1 juni 2027', 'Actueel', '5 januari 2026'],
    ]);
    expect(html).toContain('aria-sort="ascending"');
    expect(html).toContain('binnen 30 dagen');
    expect(html).toMatch(/<option value="anna-jansen">Anna Jansen<\/option>/);
  });

  it('/beheer/gebruik shows posts, comments, posters and active colleagues per week, per group, per department, the most discussed, quiet groups and unanswered posts', () => {
    const html = page('beheer/gebruik');
    expect([count(html, 'posts'), count(html, 'comments'), count(html, 'posters')]).toEqual(Object.values(EXPECTED.totals).map(String));
    const weeks = rows(html, 'data-usage-weeks', 'data-week');
    expect(weeks).toHaveLength(12);
    expect(weeks[0]).toEqual(['2026-09-07', 'week 37, 7 september 2026', '0', '0', '0', '0']);
    for (const [monday, figures] of Object.entries(EXPECTED.weeks)) expect(weeks.find((w) => w[0] === monday)!.slice(2)).toEqual(figures.map(String));
    expect(rows(html, 'data-usage-buckets="per-groep"', 'data-id')).toEqual([
      ['', 'Tijdlijn (geen groep)', '3', '2', '4'],
      ['koffietijd', 'Koffietijd', '2', '3', '3'],
    ]);
    expect(rows(html, 'data-usage-buckets="per-afdeling"', 'data-id')).toEqual(EXPECTED.departments.map((d) => [d.id, d.id.toUpperCase(), String(d.posts), String(d.comments), String(d.people)]));
    expect(rows(html, 'data-usage-discussed', 'data-target')).toEqual([
      [`bericht:${IDS.p1}`, 'Bericht in Koffietijd van 2 november 2026', 'Bericht', '3'],
      ['kennis:hr/verlof', 'Verlof', 'Weten en regelen', '2'],
      [`bericht:${IDS.p0}`, 'Bericht op de tijdlijn van 5 januari 2026', 'Bericht', '1'],
      [`bericht:${IDS.p2}`, 'Bericht op de tijdlijn van 2 november 2026', 'Bericht', '1'],
    ]);
    // Two charts: inline SVG with a title and a description, one bar per week and series with a value.
    const charts = [...html.matchAll(/<svg class="bar-chart"[^>]*role="img"[^>]*>([\s\S]*?)<\/svg>/g)].map((m) => m[1]);
    expect(charts).toHaveLength(2);
    expect(charts[0]).toMatch(/<title id="chart-activity-title">Berichten en reacties per week<\/title>/);
    expect(charts[0]).toContain('5 berichten en 7 reacties');
    expect(charts[0].match(/<rect class="bar-posts"/g)).toHaveLength(12);
    expect(charts[0].match(/<rect class="bar-comments"/g)).toHaveLength(12);
    expect(charts[1]).toMatch(/<title id="chart-posters-title">Actieve collega’s per week<\/title>/);
    // Koffietijd had a post 13 days before the build: no quiet group. Unanswered: the two newest posts without comments.
    expect(html).toContain('Geen stille groepen: elke groep had de laatste 21 dagen een bericht.');
    expect([...html.matchAll(/<li data-post="([^"]+)"><a href="([^"]+)">([^<]+)</g)].map((m) => [m[1], m[2], m[3]])).toEqual([
      [IDS.p4, `/berichten/${IDS.p4}/`, 'Bericht op de tijdlijn van 23 november 2026'],
      [IDS.p3, `/berichten/${IDS.p3}/`, 'Bericht in Koffietijd van 10 november 2026'],
    ]);
    // The search figures are not in the build: only the empty section the script fills for an editor.
    expect(html).toMatch(/<div data-usage-live-body><\/div>/);
  });

  it('names no colleague on the usage page, and keeps both pages out of search and search engines', () => {
    for (const path of ['beheer/gebruik', 'beheer/actualiteit', 'beheer']) {
      const html = page(path);
      expect(html).toContain('<meta name="robots" content="noindex, nofollow"');
      expect(html).not.toContain('data-pagefind-body');
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    }
    const usage = page('beheer/gebruik');
    for (const name of ['Anna Jansen', 'Bram Smit', 'Cor Visser', 'Dirk de Boer', 'anna-jansen', 'bram-smit', 'cor-visser', 'dirk-de-boer']) expect(usage).not.toContain(name);
    // Only the account menu links here, and shows that link to editors only (after /api/auth/me); never the main menu.
    const nav = page('').match(/<nav class="main-nav"[\s\S]*?<\/nav>/)![0];
    expect(nav).not.toContain('/beheer');
    expect(page('')).toMatch(/<a href="\/beheer\/" data-account-admin[^>]* hidden/);
  });
});

describe('dashboards built from a folder without git history', () => {
  it('says "geen gegevens" instead of failing or showing zeros, and leaves last changes unknown', () => {
    const fixture = makeDashboardFixture();
    const plain = mkdtempSync(join(tmpdir(), 'plein-dashboards-no-git-'));
    cleanup.push(fixture, plain);
    cpSync(fixture, plain, { recursive: true, filter: (src) => !src.endsWith('.git') });
    const page = build(plain);
    const usage = page('beheer/gebruik');
    expect(usage).toContain('Geen gegevens: de site is gebouwd zonder git-geschiedenis van de inhoud.');
    expect(usage).not.toContain('data-usage-weeks');
    const fresh = page('beheer/actualiteit');
    expect(count(fresh, 'overdue')).toBe('2');
    expect(rows(fresh, 'data-fresh-table', 'data-page').map((r) => r.at(-1))).toEqual(['onbekend', 'onbekend', 'onbekend', 'onbekend']);
  }, 300_000);
});
