// Site options resolved in one place: content root, site URL, locales.
import { execFileSync } from 'node:child_process';
import { contentDirFromEnv } from './lib/content-dir.ts';

const locale = process.env.PLEIN_LOCALE ?? 'nl';
if (locale !== 'nl' && locale !== 'en') throw new Error(`PLEIN_LOCALE moet "nl" of "en" zijn, niet "${locale}"`);

/** The language of the interface: Dutch by default, English as the second language. */
export const UI_LOCALE: 'nl' | 'en' = locale;

/** Where the organisation's content lives; a generated organisation can be pointed at instead. */
export const CONTENT_DIR = contentDirFromEnv();

/** The public URL of the site, for feeds, calendar files and canonical links. */
export const SITE_URL = process.env.PLEIN_SITE_URL || 'http://localhost:4321';

/** Number of news items on one page of the news list. */
export const NEWS_PAGE_SIZE = 10;

/** Number of posts on one page of the timeline. */
export const TIMELINE_PAGE_SIZE = 20;

/** Days a colleague counts as "new" on the home page. */
export const NEW_COLLEAGUE_DAYS = 120;

/** The commit the site is built from; /api/feed returns what is newer, so pages merge it in live. */
export const BUILD_COMMIT = (() => {
  try {
    // The content folder's repository: the generated or test organisation may live in another one.
    const out = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: CONTENT_DIR, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return /^[0-9a-f]{40}$/.test(out) ? out : '';
  } catch {
    return '';
  }
})();
