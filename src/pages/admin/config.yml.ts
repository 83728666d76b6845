// /admin/config.yml: the Decap CMS configuration, generated from src/schemas at build time.
import type { APIRoute } from 'astro';
import { stringify } from 'yaml';
import { getCmsConfig, getCmsContentFolder } from '../../cms/build-config.ts';
import { CONTENT_DIR, SITE_URL } from '../../config.ts';

/** The generated configuration as YAML. */
export const GET: APIRoute = () => {
  const config = getCmsConfig({ contentDir: CONTENT_DIR, contentFolder: getCmsContentFolder(process.env, CONTENT_DIR), env: process.env, siteUrl: SITE_URL });
  const header = '# Generated from src/schemas by src/cms/build-config.ts; do not edit.\n';
  return new Response(header + stringify(config, { lineWidth: 0 }), { headers: { 'Content-Type': 'text/yaml; charset=utf-8' } });
};
