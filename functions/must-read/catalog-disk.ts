// The news catalog's loader from the content folder on disk (the Node server only: node:fs has no place in the
// Cloudflare Pages Function, which bundles catalog.ts through the must-read routes).
import { join } from 'node:path';
import { getEntryPath } from '../../src/lib/entry-paths.ts';
import { CONTENT_TYPES, getEntryId } from '../../src/schemas/index.ts';
import { newsSchema } from '../../src/schemas/news.ts';
import { audienceOf } from '../notifications/audience.ts';
import { entry, files } from '../notifications/digest-content.ts';
import type { CatalogNews } from './catalog.ts';

/** Every news item in the content folder that fits the schema (the build refuses one that does not). */
export function loadNewsFromDisk(contentDir: string): CatalogNews[] {
  const folder = join(contentDir, CONTENT_TYPES.nieuws.folder);
  return files(folder, /\.mdx?$/).flatMap((path) => {
    const found = entry(path);
    if (!found) return [];
    const parsed = newsSchema.safeParse(found.data);
    if (!parsed.success) return [];
    const data = parsed.data;
    const id = getEntryId('nieuws', path.slice(folder.length + 1));
    return [{
      id, title: data.title, url: getEntryPath('nieuws', id), publishedAt: (data.publishDate ?? data.date).getTime(), draft: data.draft,
      publishDate: data.publishDate, expiryDate: data.expiryDate, mustRead: data.verplichtLezen, deadline: data.gelezenVoor?.getTime() ?? null,
      audience: audienceOf(found.data),
    }];
  });
}
