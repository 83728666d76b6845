// @ts-check
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import { CONTENT_DIR, SITE_URL } from './src/config.ts';
import { buildCacheDirFor, INCREMENTAL_BUILD_ENV } from './src/lib/build-cache.ts';
import { contentStorage } from './src/lib/content-storage.ts';
import { contentCheck } from './src/integrations/content-check.ts';
import { headersFile } from './src/integrations/headers-file.ts';
import { optimiseMedia } from './src/integrations/optimise-media.ts';
import { searchIndex } from './src/integrations/search-index.ts';
import { serviceWorker } from './src/integrations/service-worker.ts';

export default defineConfig({
  // Each content folder gets its own cache: the content layer would otherwise mix entries of two folders.
  cacheDir: `./${buildCacheDirFor(CONTENT_DIR)}`,
  site: SITE_URL,
  trailingSlash: 'ignore',
  output: 'static',
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: 4 },
  i18n: { locales: ['nl', 'en'], defaultLocale: 'nl' },
  integrations: [contentCheck({ root: CONTENT_DIR }), mdx(), searchIndex(), headersFile({ contentDir: CONTENT_DIR, siteUrl: SITE_URL }), optimiseMedia(), serviceWorker({ contentDir: CONTENT_DIR })],
  devToolbar: { enabled: false },
  // A very large organisation's content store in pieces: one piece of 130 MB was the build's memory peak.
  // Incremental: pages with a cacheKey (the posters) are copied from the last build when their key and code are unchanged;
  // only under scripts/build.ts's lock on the cache folder.
  experimental: { collectionStorage: contentStorage(CONTENT_DIR), incrementalBuild: process.env[INCREMENTAL_BUILD_ENV] === '1' },
  vite: { build: { assetsInlineLimit: 0 } },
});
