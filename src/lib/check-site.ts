// Site-wide checks over the valid entries: the URLs the build makes (and collisions), links and images, review dates.
import { CONTENT_TYPES, type CollectionName } from '../schemas/index.ts';
import { checkEntryLinks } from './check-links.ts';
import { getReviewDue, getReviewStatus } from './dashboard-freshness.ts';
import { isPublished, toIsoDate } from './dates.ts';
import { ENTRY_BASE, getEntryPath, type PagedCollection } from './entry-paths.ts';
import { getSitePaths, normalisePath, type RouteContent } from './site-paths.ts';
import type { CheckedEntry, Problem, ValidationResult } from './content-check-types.ts';

/** Where the site's routes and public files are, and the moment the publication rules apply at. */
export interface SiteOptions {
  pagesDir: string;
  publicDir: string;
  now: Date;
}

type Data = Record<string, unknown>;

/** Why an entry gets no page at `now` (the rules of content-queries.ts), or undefined when it is built. */
function getNotBuiltReason(collection: PagedCollection, data: Data, now: Date): string | undefined {
  if (data.draft === true) return 'concept';
  if (collection === 'nieuws' && !isPublished(data, now)) {
    const publish = data.publishDate as Date | undefined;
    return publish && publish > now ? `wordt gepubliceerd op ${toIsoDate(publish)}` : `verlopen op ${toIsoDate(data.expiryDate as Date)}`;
  }
  if (collection === 'berichten' && data.hidden) return 'verborgen';
  return undefined;
}

const PAGED = Object.keys(ENTRY_BASE) as PagedCollection[];

/** The entries the build turns into pages at `now`, and the paths of those it leaves out with the reason. */
export function getRouteContent(entries: ValidationResult['entries'], now: Date): { content: RouteContent; unpublished: Map<string, string> } {
  const content = Object.fromEntries(PAGED.map((c) => [c, [] as RouteContent[PagedCollection]])) as RouteContent;
  const unpublished = new Map<string, string>();
  for (const collection of PAGED) {
    for (const e of entries[collection].values()) {
      const reason = getNotBuiltReason(collection, e.data, now);
      if (reason) unpublished.set(normalisePath(getEntryPath(collection, e.id)), reason);
      else content[collection].push({ id: e.id, data: e.data, file: e.file });
    }
  }
  return { content, unpublished };
}

/** Runs the checks that need the whole site: URL collisions, links, images and alt text, review dates. */
export function checkSite(entries: ValidationResult['entries'], options: SiteOptions): Problem[] {
  const problems: Problem[] = [];
  const { content, unpublished } = getRouteContent(entries, options.now);
  const site = getSitePaths(options.pagesDir, content);

  // Two files (or a file and a page of the site, such as /nieuws/2/) that end up at one URL.
  for (const [path, sources] of site.paths) {
    if (sources.length < 2) continue;
    const [first, ...rest] = [...sources].sort((a, b) => Number(!!a.entry) - Number(!!b.entry) || (a.entry?.file ?? '').localeCompare(b.entry?.file ?? ''));
    for (const other of rest) {
      if (!other.entry?.file) continue;
      const clash = first.entry?.file ? `${first.entry.file} krijgt hetzelfde adres` : 'dat adres is al een pagina van de site';
      problems.push({ file: other.entry.file, line: 1, message: `dubbele URL ${path}/: ${clash}`, severity: 'error', kind: 'dubbel' });
    }
  }

  const people = new Set(entries.collegas.keys());
  for (const collection of Object.keys(CONTENT_TYPES) as CollectionName[]) {
    const type = CONTENT_TYPES[collection];
    const severity = 'userWritten' in type && type.userWritten ? 'warning' : 'error';
    for (const entry of entries[collection].values()) {
      const pagePath = collection in ENTRY_BASE ? getEntryPath(collection as PagedCollection, entry.id) : undefined;
      problems.push(...checkEntryLinks({ entry, pagePath, severity, hasBody: type.kind === 'markdown', bodyLine: entry.bodyLine }, { site, unpublished, publicDir: options.publicDir, people }));
    }
  }

  for (const page of entries.kennis.values()) if (page.data.draft !== true) problems.push(...checkReviewDate(page, options.now));
  return problems;
}

/** A warning for a knowledge page whose review date has passed or is near. */
function checkReviewDate(page: CheckedEntry, now: Date): Problem[] {
  const reviewedAt = page.data.reviewedAt as Date;
  const months = page.data.reviewIntervalMonths as number;
  const due = getReviewDue(reviewedAt, months);
  const status = getReviewStatus(due, now);
  if (status === 'fresh') return [];
  const checked = `gecontroleerd op ${toIsoDate(reviewedAt)}, elke ${months} maanden`;
  const message = status === 'overdue'
    ? `controle verlopen: de pagina had op ${toIsoDate(due)} opnieuw gecontroleerd moeten worden (${checked})`
    : `controle binnenkort: controleer de pagina vóór ${toIsoDate(due)} (${checked})`;
  return [{ file: page.file, line: page.lineOf(['reviewedAt']), field: 'reviewedAt', message, severity: 'warning', kind: 'controle' }];
}
