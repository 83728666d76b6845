// English is the second language: PLEIN_LOCALE=en builds the interface in English.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_SCRIPT } from '../../scripts/lib/build-command.ts';

const root = join(import.meta.dirname, '../..');

describe('PLEIN_LOCALE', () => {
  it('builds the interface in English with en', () => {
    const out = mkdtempSync(join(tmpdir(), 'plein-en-'));
    const run = spawnSync(process.execPath, [BUILD_SCRIPT, '--outDir', out], { cwd: root, env: { ...process.env, PLEIN_LOCALE: 'en' }, encoding: 'utf8', timeout: 240_000 });
    expect(run.status, run.stderr).toBe(0);
    const home = readFileSync(join(out, 'index.html'), 'utf8');
    expect(home).toContain('<html lang="en"');
    expect(home).toContain('Welcome to the intranet');
    expect(home).toContain('Skip to content');
    expect(home).not.toContain('Naar de inhoud');
    const rss = readFileSync(join(out, 'nieuws/rss.xml'), 'utf8');
    expect(rss).toContain('<language>en-gb</language>');
  }, 240_000);

  it('refuses an unknown language with a clear message', () => {
    const run = spawnSync(process.execPath, [BUILD_SCRIPT, '--outDir', mkdtempSync(join(tmpdir(), 'plein-fr-'))], { cwd: root, env: { ...process.env, PLEIN_LOCALE: 'fr' }, encoding: 'utf8', timeout: 120_000 });
    expect(run.status).not.toBe(0);
    expect(`${run.stdout}${run.stderr}`).toContain('PLEIN_LOCALE moet "nl" of "en" zijn, niet "fr"');
  }, 120_000);
});
