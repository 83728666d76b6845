// The content check's idea of the site's URLs (src/lib/site-paths.ts) against the pages the build really made:
// a route added, renamed or filtered differently in src/pages without updating the rules fails here.
import { expect, test } from '@playwright/test';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { getRouteContent } from '../../src/lib/check-site.ts';
import { getBuildTime } from '../../src/lib/dates.ts';
import { getSitePaths, isSitePath, normalisePath } from '../../src/lib/site-paths.ts';
import { validateContent } from '../../src/lib/validate-content.ts';

const repo = join(import.meta.dirname, '../..');
const dist = resolve(repo, process.env.PLEIN_DIST ?? 'dist');

test('every page the build made is known to the content check, and every page it knows was built', () => {
  const { entries } = validateContent(join(repo, 'content'));
  const site = getSitePaths(join(repo, 'src/pages'), getRouteContent(entries, getBuildTime()).content);
  const files = readdirSync(dist, { recursive: true }) as string[];
  const builtPages = files.filter((f) => f.endsWith('index.html') || f === '404.html').map((f) => normalisePath(`/${f.replace(/(^|\/)index\.html$/, '/').replace(/\.html$/, '')}`));
  expect(builtPages.length).toBeGreaterThan(100);
  expect(builtPages.filter((p) => !isSitePath(site, p))).toEqual([]);

  const known = [...site.paths.values()].flat().map((r) => r.path);
  expect(known.filter((p) => p.endsWith('/') && !builtPages.includes(normalisePath(p)))).toEqual([]);
  // Endpoints (feeds, calendar files) are files with the path as their name.
  expect(known.filter((p) => !p.endsWith('/') && !existsSync(join(dist, p)))).toEqual([]);
});
