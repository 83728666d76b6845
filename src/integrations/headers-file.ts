// Astro integration: writes dist/_headers for static hosts from the same header definitions as the Node server.
import type { AstroIntegration } from 'astro';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getSiteCsp, renderHeadersFile } from '../../functions/lib/security-headers.ts';
import { readSiteSettings } from '../lib/site-settings.ts';

/** Emits `_headers` (Cloudflare Pages, Netlify) so a static deploy sends the same security headers. */
export function headersFile(options: { contentDir: string }): AstroIntegration {
  return {
    name: 'plein:headers-file',
    hooks: {
      'astro:build:done': ({ dir }) => {
        const giscus = readSiteSettings(options.contentDir)?.comments === 'giscus';
        writeFileSync(join(fileURLToPath(dir), '_headers'), renderHeadersFile(getSiteCsp({ giscus })));
      },
    },
  };
}
