// One setting switches comments to giscus: the widget replaces the built-in comments, and the CSP frames giscus only then.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getSiteCsp, renderHeadersFile, SITE_CSP } from '../../functions/lib/security-headers.ts';
import { readSiteSettings } from '../../src/lib/site-settings.ts';
import { BUILD_SCRIPT } from '../../scripts/lib/build-command.ts';

const root = join(import.meta.dirname, '../..');

describe('comments: giscus', () => {
  it('renders giscus instead of the built-in comments, and allows only its frame', () => {
    const work = mkdtempSync(join(tmpdir(), 'plein-giscus-'));
    const content = join(work, 'content');
    cpSync(join(root, 'content'), content, { recursive: true });
    const site = join(content, 'instellingen', 'site.yml');
    writeFileSync(site, readFileSync(site, 'utf8').replace(/^comments:.*$/m, '') + '\ncomments: giscus\ngiscus:\n  repo: wadvoort/intranet\n  repoId: R_kgDOabc\n  category: Reacties\n  categoryId: DIC_kwDOabc\n');
    const out = join(work, 'dist');
    const run = spawnSync(process.execPath, [BUILD_SCRIPT, '--outDir', out], { cwd: root, env: { ...process.env, PLEIN_CONTENT_DIR: content }, encoding: 'utf8', timeout: 240_000 });
    expect(run.status, run.stdout.slice(-2000)).toBe(0);
    const news = readFileSync(join(out, 'nieuws', 'nieuw-fietsplan-2027', 'index.html'), 'utf8');
    expect(news).toContain('<giscus-widget');
    expect(news).toContain('repo="wadvoort/intranet"');
    expect(news).not.toContain('data-comment-form');
    const headers = readFileSync(join(out, '_headers'), 'utf8');
    expect(headers).toContain(`Content-Security-Policy: ${SITE_CSP}; frame-src https://giscus.app`);
  }, 240_000);

  it('keeps the built-in comments and no frame-src by default', () => {
    expect(readSiteSettings(join(root, 'content'))?.comments).toBe('plein');
    expect(renderHeadersFile(getSiteCsp({ giscus: false }))).not.toContain('giscus');
  });
});
