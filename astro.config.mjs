// @ts-check
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import { CONTENT_DIR, SITE_URL } from './src/config.ts';
import { contentStorage } from './src/lib/content-storage.ts';
import { contentCheck } from './src/integrations/content-check.ts';
import { headersFile } from './src/integrations/headers-file.ts';
import { optimiseMedia } from './src/integrations/optimise-media.ts';
import { searchIndex } from './src/integrations/search-index.ts';
import { serviceWorker } from './src/integrations/service-worker.ts';

// Each content folder gets its own cache: the content layer would otherwise mix entries of two folders.
const cacheKey = CONTENT_DIR.replace(/[^A-Za-z0-9]+/g, '-');

export default defineConfig({
  cacheDir: cacheKey === 'content' ? undefined : `./node_modules/.astro/${cacheKey}`,
  site: SITE_URL,
  trailingSlash: 'ignore',
  output: 'static',
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: 4 },
  i18n: { locales: ['nl', 'en'], defaultLocale: 'nl' },
  integrations: [contentCheck({ root: CONTENT_DIR }), mdx(), searchIndex(), headersFile({ contentDir: CONTENT_DIR, siteUrl: SITE_URL }), optimiseMedia(), serviceWorker({ contentDir: CONTENT_DIR })],
  devToolbar: { enabled: false },
  // A very large organisation's content store in pieces: one piece of 130 MB was the build's memory peak.
  experimental: { collectionStorage: contentStorage(CONTENT_DIR) },
  vite: { build: { assetsInlineLimit: 0 } },
});
