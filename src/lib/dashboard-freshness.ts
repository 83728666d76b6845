// The figures of /beheer/actualiteit: each knowledge page's review date and status, and when it last changed in git.
import { addMonths } from './dates.ts';

/** A page is "due soon" when its review date is at most this many days away. */
export const DUE_SOON_DAYS = 30;

/** Overdue (review date passed), due soon (within DUE_SOON_DAYS) or fresh. */
export type ReviewStatus = 'overdue' | 'soon' | 'fresh';

/** The statuses in the order the dashboard lists them: the most urgent first. */
export const REVIEW_STATUSES: readonly ReviewStatus[] = ['overdue', 'soon', 'fresh'];

const DAY_MS = 86_400_000;

/** The date a page must be checked again: its last check plus its interval. */
export function getReviewDue(reviewedAt: Date, intervalMonths: number): Date {
  return addMonths(reviewedAt, intervalMonths);
}

/** The status of a review date at `now`. */
export function getReviewStatus(due: Date, now: Date, soonDays = DUE_SOON_DAYS): ReviewStatus {
  if (due.getTime() <= now.getTime()) return 'overdue';
  return due.getTime() - now.getTime() <= soonDays * DAY_MS ? 'soon' : 'fresh';
}

/** A knowledge page as the dashboard needs it. */
export interface FreshnessPage {
  id: string;
  title: string;
  owner: string;
  /** Absolute path of its file, to look up its last change. */
  file: string;
  reviewedAt: Date;
  reviewIntervalMonths: number;
}

/** One row of the dashboard. */
export interface FreshnessRow {
  id: string;
  title: string;
  owner: string;
  reviewedAt: Date;
  due: Date;
  status: ReviewStatus;
  /** The last commit touching the file; undefined without git history (or for a file never committed). */
  lastChanged?: Date;
}

/** The rows, most urgent first (review date, then title), and the count per status. */
export interface FreshnessReport {
  rows: FreshnessRow[];
  counts: Record<ReviewStatus, number> & { total: number };
}

/** Builds the dashboard from the pages and the last-change dates by absolute path (getLastChanged). */
export function buildFreshnessReport(pages: FreshnessPage[], lastChanged: Map<string, Date>, now: Date): FreshnessReport {
  const counts = { overdue: 0, soon: 0, fresh: 0, total: pages.length };
  const rows = pages.map((page): FreshnessRow => {
    const due = getReviewDue(page.reviewedAt, page.reviewIntervalMonths);
    const status = getReviewStatus(due, now);
    counts[status]++;
    return { id: page.id, title: page.title, owner: page.owner, reviewedAt: page.reviewedAt, due, status, lastChanged: lastChanged.get(page.file) };
  });
  // The status follows from the review date, so sorting by date lists overdue, then due soon, then fresh.
  rows.sort((a, b) => a.due.getTime() - b.due.getTime() || a.title.localeCompare(b.title, 'nl'));
  return { rows, counts };
}
