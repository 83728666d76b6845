// Overdue review dates (issue 14): the owner of a knowledge page whose review date has passed — the colleague, or the
// manager of the owning department — is told, at most once a week per page, until someone checks it again (a new
// `reviewedAt`). Read from the content folder on disk by the Node server's fan-out worker, about once an hour.
import { join } from 'node:path';
import { addMonths, toIsoDate } from '../../src/lib/dates.ts';
import { parseYamlFile } from '../../src/lib/front-matter.ts';
import { CONTENT_TYPES } from '../../src/schemas/index.ts';
import type { PeopleLookup } from '../content/people.ts';
import type { Notifications } from '../state/notifications.ts';
import { entry, files } from './digest-content.ts';
import { notifyDirect } from './direct.ts';
import { readFileSync } from 'node:fs';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** The week a moment falls in, counted from 1970 (a source key: one reminder per page per week). */
const weekOf = (ms: number) => Math.floor((ms + 3 * 24 * 60 * 60 * 1000) / WEEK_MS);

/** Tells the owners of overdue pages; gives how many pages were overdue. */
export async function remindOverdueReviews(options: { contentDir: string; people: PeopleLookup; notifications: Notifications; now: number }): Promise<number> {
  const folder = join(options.contentDir, CONTENT_TYPES.kennis.folder);
  const manager = (department: string): string | undefined => {
    try {
      const data = parseYamlFile(readFileSync(join(options.contentDir, CONTENT_TYPES.afdelingen.folder, `${department}.yml`), 'utf8')) as { manager?: unknown };
      return typeof data?.manager === 'string' ? data.manager : undefined;
    } catch {
      return undefined;
    }
  };
  const items = [];
  for (const path of files(folder, /\.mdx?$/)) {
    const page = entry(path);
    if (!page || page.data.draft === true) continue;
    const reviewed = new Date(String(page.data.reviewedAt ?? ''));
    if (Number.isNaN(reviewed.getTime())) continue;
    const months = typeof page.data.reviewIntervalMonths === 'number' ? page.data.reviewIntervalMonths : 12;
    const due = addMonths(reviewed, months);
    if (due.getTime() > options.now) continue;
    const owner = typeof page.data.owner === 'string' ? page.data.owner : '';
    const person = options.people.byId(owner) ? owner : manager(owner);
    if (!person) continue;
    const id = path.slice(folder.length + 1).replace(/\\/g, '/').replace(/\.mdx?$/, '');
    const title = typeof page.data.title === 'string' ? page.data.title : id;
    items.push({
      person, kind: 'controle-verlopen' as const, actor: null, target: { type: 'kennis', id }, title,
      text: `‘${title}’ had op ${toIsoDate(due)} opnieuw gecontroleerd moeten worden (gecontroleerd op ${toIsoDate(reviewed)}, elke ${months} maanden).`,
      url: `/weten-en-regelen/${id}/`, groupKey: `controle:${id}`, source: `controle:${id}:${toIsoDate(reviewed)}:${weekOf(options.now)}`,
    });
  }
  await notifyDirect(options.notifications, items, options.now);
  return items.length;
}
