// @ts-check
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import { CONTENT_DIR, SITE_URL } from './src/config.ts';
import { contentCheck } from './src/integrations/content-check.ts';
import { headersFile } from './src/integrations/headers-file.ts';
import { searchIndex } from './src/integrations/search-index.ts';

export default defineConfig({
  site: SITE_URL,
  trailingSlash: 'ignore',
  output: 'static',
  build: { format: 'directory', inlineStylesheets: 'never' },
  i18n: { locales: ['nl', 'en'], defaultLocale: 'nl' },
  integrations: [contentCheck({ root: CONTENT_DIR }), mdx(), searchIndex(), headersFile()],
  devToolbar: { enabled: false },
  vite: { build: { assetsInlineLimit: 0 } },
});
