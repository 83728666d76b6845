// The adoption figures from a repository with a known history: exact per week, group, department and item;
// a shallow clone and a folder without history give "no data" instead of wrong zeros.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXPECTED, FIXTURE_NOW, IDS, makeDashboardFixture } from '../../tests/support/dashboard-fixture.ts';
import { computeActivity, type ActivityInput } from './dashboard-activity.ts';
import { getGitAdditions } from './git-additions.ts';
import { validateContent } from './validate-content.ts';
import { getRecentWeeks } from './weeks.ts';

const fixture = makeDashboardFixture();
const cleanup: string[] = [fixture];
afterAll(() => cleanup.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** The dashboard's input for a content folder, the way the page builds it from the collections. */
function inputFor(dir: string): Omit<ActivityInput, 'additions'> {
  const { entries, problems } = validateContent(dir);
  expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  const people = new Map([...entries.collegas.values()].map((p) => [p.id, p.data.department as string]));
  return {
    posts: [...entries.berichten.values()].map((p) => ({ id: p.id, file: resolve(p.file), author: p.data.author as string, group: p.data.group as string | undefined, created: p.data.created as Date, hidden: !!p.data.hidden })),
    comments: [...entries.reacties.values()].map((c) => {
      const on = c.data.on as { type: string; id: string };
      return { file: resolve(c.file), author: c.data.author as string, target: `${on.type}:${on.id}`, created: c.data.created as Date, hidden: !!c.data.hidden };
    }),
    departmentOf: (id) => people.get(id),
    weeks: getRecentWeeks(new Date(FIXTURE_NOW), 12),
  };
}

describe('computeActivity on the fixture repository', () => {
  const report = computeActivity({ ...inputFor(fixture), additions: getGitAdditions(fixture) });

  it('counts posts, comments, distinct posters and active colleagues per week, in Amsterdam weeks', () => {
    expect(report.available).toBe(true);
    expect(report.shallow).toBe(false);
    expect(report.weeks.map((w) => w.monday)).toEqual(getRecentWeeks(new Date(FIXTURE_NOW), 12).map((w) => w.monday));
    expect(report.weeks[0]).toMatchObject({ monday: '2026-09-07', year: 2026, week: 37 });
    expect(report.weeks.at(-1)).toMatchObject({ monday: '2026-11-23', week: 48 });
    const figures = Object.fromEntries(report.weeks.filter((w) => w.posts || w.comments).map((w) => [w.monday, [w.posts, w.comments, w.posters, w.active]]));
    expect(figures).toEqual(EXPECTED.weeks);
    expect(report.weeks.filter((w) => !(w.monday in EXPECTED.weeks)).every((w) => w.posts === 0 && w.comments === 0 && w.posters === 0 && w.active === 0)).toBe(true);
    expect(report.totals).toEqual(EXPECTED.totals);
  });

  it('sums activity per group (comments follow their post) and per department of the author', () => {
    expect(report.groups).toEqual(EXPECTED.groups);
    expect(report.departments).toEqual(EXPECTED.departments);
  });

  it('lists the most discussed items, leaving hidden comments out', () => {
    expect(report.discussed).toEqual(EXPECTED.discussed);
    expect(computeActivity({ ...inputFor(fixture), additions: getGitAdditions(fixture), top: 1 }).discussed).toEqual([{ target: `bericht:${IDS.p1}`, comments: 3 }]);
  });

  it('counts nothing outside the period', () => {
    const later = computeActivity({ ...inputFor(fixture), additions: getGitAdditions(fixture), weeks: getRecentWeeks(new Date('2027-03-01T12:00:00Z'), 12) });
    expect(later.totals).toEqual({ posts: 0, comments: 0, posters: 0 });
    expect(later.discussed).toEqual([]);
  });
});

describe('git history that is partial or missing', () => {
  it('marks the weeks before a shallow clone reaches as unknown, and counts the rest', () => {
    const clone = join(fixture, '..', `${fixture.split('/').pop()}-shallow`);
    cleanup.push(clone);
    execFileSync('git', ['clone', '--quiet', '--depth', '2', `file://${fixture}`, clone]);
    const additions = getGitAdditions(clone);
    expect(additions.shallow).toBe(true);
    expect(additions.since?.toISOString()).toBe('2026-11-17T08:15:00.000Z');
    const report = computeActivity({ ...inputFor(clone), additions });
    // The clone holds the last two commits; the first of them (week 47) is the boundary, so only week 48 is known.
    expect(report.weeks.slice(0, -1).every((w) => w.posts === null && w.comments === null && w.posters === null)).toBe(true);
    expect(report.weeks.at(-1)).toMatchObject({ posts: 1, comments: 0, posters: 1 });
    expect(report.totals).toEqual({ posts: 1, comments: 0, posters: 1 });
  });

  it('reports no data for a folder that is not a git repository', () => {
    const plain = mkdtempSync(join(tmpdir(), 'plein-no-git-'));
    cleanup.push(plain);
    cpSync(fixture, plain, { recursive: true, filter: (src) => !src.endsWith('.git') });
    const additions = getGitAdditions(plain);
    expect(additions).toEqual({ available: false, shallow: false, added: new Map() });
    const report = computeActivity({ ...inputFor(plain), additions });
    expect(report.available).toBe(false);
    expect(report.weeks).toHaveLength(12);
    expect(report.weeks.every((w) => w.posts === null)).toBe(true);
    expect(report.groups).toEqual([]);
  });
});
