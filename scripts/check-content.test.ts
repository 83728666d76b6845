// `npm run check:content`: file:line lines, GitHub annotations in Actions, exit 1 on errors only.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..');
function check(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, ['scripts/check-content.ts', ...args], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, PLEIN_BUILD_TIME: '2026-11-23T12:00:00Z', GITHUB_ACTIONS: '', ...env },
  });
  return { status: run.status, lines: run.stdout.trim().split('\n'), stderr: run.stderr };
}
const F = 'tests/fixtures/content-check';

describe('check-content script', () => {
  it('exits 1 on errors and prints file:line: problem lines and a summary', () => {
    const { status, lines } = check([F, '--public', `${F}/public`]);
    expect(status).toBe(1);
    expect(lines).toContain(`${F}/nieuws/nieuwe-laptops.md:11: kapotte link: /groepen/ict/ bestaat niet op de site`);
    expect(lines.at(-1)).toMatch(/^12 fout\(en\), 4 waarschuwing\(en\) — nieuws 2, kennis 3,/);
    expect(lines.some((l) => l.startsWith('::'))).toBe(false);
  });
  it('exits 0 when there are only warnings', () => {
    const { status, lines } = check(['tests/fixtures/content-check-warnings']);
    expect(status).toBe(0);
    expect(lines[0]).toBe('tests/fixtures/content-check-warnings/weten-en-regelen/hr/verlof.md:5: waarschuwing: reviewedAt: controle verlopen: de pagina had op 2025-09-01 opnieuw gecontroleerd moeten worden (gecontroleerd op 2025-03-01, elke 6 maanden)');
    expect(lines.at(-1)).toMatch(/^0 fout\(en\), 1 waarschuwing\(en\)/);
  });
  it('adds GitHub Actions annotations when GITHUB_ACTIONS=true, escaping what the command syntax reserves', () => {
    const warn = check(['tests/fixtures/content-check-warnings'], { GITHUB_ACTIONS: 'true' });
    expect(warn.lines).toContain('::warning file=tests/fixtures/content-check-warnings/weten-en-regelen/hr/verlof.md,line=5,title=Controledatum::reviewedAt: controle verlopen: de pagina had op 2025-09-01 opnieuw gecontroleerd moeten worden (gecontroleerd op 2025-03-01, elke 6 maanden)');
    const err = check([F, '--public', `${F}/public`], { GITHUB_ACTIONS: 'true' });
    expect(err.lines).toContain(`::error file=${F}/instellingen/site.yml,line=8,title=Kapotte link::quickLinks.1.href: kapotte link: /weten-en-regelen/hr/declareren bestaat niet op de site`);
    expect(err.lines).toContain(`::error file=${F}/weten-en-regelen/hr/thuiswerken.md,line=14,title=Ontbrekende afbeelding of bestand::afbeelding ontbreekt: /media/thuiswerkplek.jpg staat niet in public/`);
    expect(err.lines.filter((l) => l.startsWith('::error ')).length).toBe(12);
  });
  it('passes on the demo organisation', () => {
    const { status, lines } = check([], { PLEIN_BUILD_TIME: '' });
    expect(lines.at(-1)).toMatch(/^0 fout\(en\)/);
    expect(status).toBe(0);
  });
  it('refuses an invalid retention setting (issue 19) with file, line, field and problem', () => {
    const root = mkdtempSync(join(tmpdir(), 'plein-bewaar-'));
    cpSync(join(repo, 'tests/fixtures/content-check-warnings'), root, { recursive: true });
    const site = join(root, 'instellingen/site.yml');
    writeFileSync(site, `${readFileSync(site, 'utf8')}bewaartermijn:\n  berichten: -3\n  reacties: twee jaar\n`);
    const { status, lines } = check([root]);
    expect(status).toBe(1);
    const file = `${relative(repo, root)}/instellingen/site.yml`;
    expect(lines).toContain(`${file}:7: bewaartermijn.berichten: moet minstens 1 maand zijn`);
    expect(lines).toContain(`${file}:8: bewaartermijn.reacties: moet een aantal maanden zijn (een heel getal)`);
    expect(lines.at(-1)).toMatch(/^2 fout\(en\)/);
  });
  it('prints every line when stdout is a pipe, even hundreds of kilobytes of them', () => {
    const root = mkdtempSync(join(tmpdir(), 'plein-many-'));
    cpSync(join(repo, 'tests/fixtures/content-check-warnings'), root, { recursive: true });
    for (let i = 0; i < 600; i++) {
      writeFileSync(join(root, `weten-en-regelen/hr/pagina-${i}.md`), `---\ntitle: Pagina ${i}\nsummary: Een pagina die al lang niet is gecontroleerd.\nowner: hr\nreviewedAt: 2020-01-01\n---\nTekst.\n`);
    }
    const { status, lines } = check([root]);
    expect(lines).toHaveLength(602);
    expect(lines.at(-1)).toMatch(/^0 fout\(en\), 601 waarschuwing\(en\)/);
    expect(status).toBe(0);
  });
});
