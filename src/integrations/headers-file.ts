// Astro integration: writes dist/_headers for static hosts from the same header definitions as the Node server,
// and dist/.well-known/security.txt (RFC 9116) with an expiry computed at build time.
import type { AstroIntegration } from 'astro';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getSiteCsp, renderHeadersFile } from '../../functions/lib/security-headers.ts';
import { readSiteSettings } from '../lib/site-settings.ts';
import { renderSecurityTxt, toSecurityContact } from '../lib/security-txt.ts';

/** Emits `_headers` (Cloudflare Pages, Netlify) and `.well-known/security.txt` so a static deploy has both. */
export function headersFile(options: { contentDir: string; siteUrl: string }): AstroIntegration {
  return {
    name: 'plein:headers-file',
    hooks: {
      'astro:build:done': ({ dir }) => {
        const out = fileURLToPath(dir);
        const settings = readSiteSettings(options.contentDir);
        writeFileSync(join(out, '_headers'), renderHeadersFile(getSiteCsp({ giscus: settings?.comments === 'giscus' })));
        const contact = toSecurityContact(settings?.securityContact, settings?.newsTipEmail);
        mkdirSync(join(out, '.well-known'), { recursive: true });
        writeFileSync(join(out, '.well-known', 'security.txt'), renderSecurityTxt({ contact, siteUrl: options.siteUrl }));
      },
    },
  };
}
