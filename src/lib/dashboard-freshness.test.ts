// Review status and last change of knowledge pages, from a repository with a known history.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXPECTED, FIXTURE_NOW, makeDashboardFixture } from '../../tests/support/dashboard-fixture.ts';
import { buildFreshnessReport, getReviewStatus, type FreshnessPage } from './dashboard-freshness.ts';
import { getLastChanged } from './git-history.ts';
import { validateContent } from './validate-content.ts';
import { getLocalDay } from './weeks.ts';

const fixture = makeDashboardFixture();
const shallow = `${fixture}-shallow`;
afterAll(() => [fixture, shallow].forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('getReviewStatus', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  it('is overdue once the review date has passed, due soon within 30 days, fresh after', () => {
    expect(getReviewStatus(new Date('2026-11-23T12:00:00Z'), now)).toBe('overdue');
    expect(getReviewStatus(new Date('2026-11-23T12:00:01Z'), now)).toBe('soon');
    expect(getReviewStatus(new Date('2026-12-23T12:00:00Z'), now)).toBe('soon');
    expect(getReviewStatus(new Date('2026-12-23T12:00:01Z'), now)).toBe('fresh');
    expect(getReviewStatus(new Date('2026-12-01T00:00:00Z'), now, 7)).toBe('fresh');
  });
});

describe('buildFreshnessReport on the fixture repository', () => {
  const { entries } = validateContent(fixture);
  const pages: FreshnessPage[] = [...entries.kennis.values()].map((p) => ({
    id: p.id,
    title: p.data.title as string,
    owner: p.data.owner as string,
    file: resolve(p.file),
    reviewedAt: p.data.reviewedAt as Date,
    reviewIntervalMonths: p.data.reviewIntervalMonths as number,
  }));
  const report = buildFreshnessReport(pages, getLastChanged(resolve(fixture, 'weten-en-regelen')), new Date(FIXTURE_NOW));

  it('gives each page its review date, status and last change from git, most urgent first', () => {
    const rows = report.rows.map((r) => ({ id: r.id, status: r.status, due: r.due.toISOString().slice(0, 10), lastChanged: r.lastChanged && getLocalDay(r.lastChanged) }));
    expect(rows).toEqual(EXPECTED.freshness);
    expect(report.counts).toEqual(EXPECTED.counts);
  });

  it('has no last change for a page git does not know', () => {
    const none = buildFreshnessReport(pages, new Map(), new Date(FIXTURE_NOW));
    expect(none.rows.every((r) => r.lastChanged === undefined)).toBe(true);
    expect(none.counts).toEqual(EXPECTED.counts);
  });

  it('in a shallow clone, knows only the changes after its boundary', () => {
    // The last four commits: the boundary is the one of 4 November; Ziekte changed after it, on 10 November.
    execFileSync('git', ['clone', '--quiet', '--depth', '4', `file://${fixture}`, shallow]);
    const changed = getLastChanged(join(shallow, 'weten-en-regelen'));
    expect([...changed].map(([file, date]) => [file.slice(shallow.length + 1), getLocalDay(date)])).toEqual([['weten-en-regelen/hr/ziekte.md', '2026-11-10']]);
  });
});
