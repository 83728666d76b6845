// Building a site from broken content fails with file:line: field messages, not a stack trace.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_SCRIPT } from '../../scripts/lib/build-command.ts';

const root = join(import.meta.dirname, '../..');

describe('astro build with broken content', () => {
  const run = spawnSync(process.execPath, [BUILD_SCRIPT], {
    cwd: root,
    env: { ...process.env, PLEIN_CONTENT_DIR: 'tests/fixtures/broken-content', NO_COLOR: '1', FORCE_COLOR: '0' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  const output = `${run.stdout}\n${run.stderr}`;

  it('exits with a failure', () => {
    expect(run.status).not.toBe(0);
  });
  it('names the file, the line, the field and what is wrong', () => {
    expect(output).toContain('tests/fixtures/broken-content/nieuws/kapot.md:1: title: is verplicht maar ontbreekt');
    expect(output).toContain('tests/fixtures/broken-content/collegas/piet-zonder-mail.yml:4: email: moet een geldig e-mailadres zijn');
    expect(output).toContain('De inhoud bevat 6 fout(en)');
  });
  it('prints no stack trace', () => {
    expect(output).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m);
    expect(output).not.toMatch(/node_modules\/astro\/dist/);
  });
});
