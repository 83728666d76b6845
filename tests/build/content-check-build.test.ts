// The build runs the same content check as `npm run check:content`: warnings are printed and the build goes on,
// errors (a broken link) stop it with file:line lines.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_SCRIPT } from '../../scripts/lib/build-command.ts';

const root = join(import.meta.dirname, '../..');
const build = (contentDir: string) => {
  const run = spawnSync(process.execPath, [BUILD_SCRIPT, '--outDir', '.plein/dist-content-check-test'], {
    cwd: root,
    env: { ...process.env, PLEIN_CONTENT_DIR: contentDir, PLEIN_BUILD_TIME: '2026-11-23T12:00:00Z', NO_COLOR: '1', FORCE_COLOR: '0' },
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
};

describe('astro build and the content check', () => {
  it('prints warnings (a page past its review date) and still builds', () => {
    const { status, output } = build('tests/fixtures/content-check-warnings');
    expect(output).toContain('De inhoud heeft 1 waarschuwing(en)');
    expect(output).toContain('tests/fixtures/content-check-warnings/weten-en-regelen/hr/verlof.md:5: waarschuwing: reviewedAt: controle verlopen');
    expect(status).toBe(0);
  });
  it('stops on a broken link with its file and line', () => {
    const { status, output } = build('tests/fixtures/content-check');
    expect(status).not.toBe(0);
    expect(output).toContain('tests/fixtures/content-check/nieuws/nieuwe-laptops.md:11: kapotte link: /groepen/ict/ bestaat niet op de site');
    expect(output).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m);
  });
});
