// Each kind of content problem, found in the fixture tree with its exact file, line and message.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatAnnotation, formatProblem, validateContent } from './validate-content.ts';

const repo = join(import.meta.dirname, '../..');
const F = 'tests/fixtures/content-check';
const options = { pagesDir: join(repo, 'src/pages'), publicDir: join(repo, F, 'public'), now: new Date('2026-11-23T12:00:00Z') };
const { problems } = validateContent(join(repo, F), options);
const lines = problems.map(formatProblem);

describe('content check on the fixture tree', () => {
  it('finds broken internal links in Markdown, relative links and settings, not in code blocks', () => {
    expect(lines).toContain(`${F}/weten-en-regelen/hr/thuiswerken.md:8: kapotte link: /weten-en-regelen/hr/verlof-aanvragen/ bestaat niet op de site`);
    expect(lines).toContain(`${F}/nieuws/nieuwe-laptops.md:11: kapotte link: /groepen/ict/ bestaat niet op de site`);
    expect(lines).toContain(`${F}/instellingen/site.yml:8: quickLinks.1.href: kapotte link: /weten-en-regelen/hr/declareren bestaat niet op de site`);
    expect(lines.some((l) => l.includes('/bestaat-ook-niet'))).toBe(false);
  });
  it('accepts links to pages, sections, static routes, anchors, public files and relative paths that exist', () => {
    expect(problems.filter((p) => p.file.endsWith('hr/verlof.mdx'))).toEqual([]);
    expect(lines.some((l) => /nieuwe-laptops#details|anna-jansen|handleiding\.pdf|\/agenda\//.test(l))).toBe(false);
  });
  it('warns (not errs) for a link to a page that exists but is not published, and for employees’ posts', () => {
    expect(lines).toContain(`${F}/nieuws/nieuwe-laptops.md:11: waarschuwing: link naar /nieuws/oude-laptops/: die pagina staat niet op de site (verlopen op 2026-06-01)`);
    expect(lines).toContain(`${F}/berichten/2026/11/01kfx0a4g0q4b2wz6x8t3mnv5c.md:6: waarschuwing: kapotte link: /weten-en-regelen/hr/verhuizen bestaat niet op de site`);
  });
  it('finds missing images in the body and in front matter', () => {
    expect(lines).toContain(`${F}/weten-en-regelen/hr/thuiswerken.md:14: afbeelding ontbreekt: /media/thuiswerkplek.jpg staat niet in public/`);
    expect(lines).toContain(`${F}/nieuws/nieuwe-laptops.md:8: cover.src: afbeelding ontbreekt: /media/nieuws/laptops.jpg staat niet in public/`);
  });
  it('finds images without alt text, in Markdown and as an HTML/MDX <img>', () => {
    expect(lines).toContain(`${F}/weten-en-regelen/hr/thuiswerken.md:12: afbeelding zonder alternatieve tekst: schrijf tussen [ ] wat erop staat`);
    expect(lines).toContain(`${F}/weten-en-regelen/hr/ziek-melden.mdx:10: afbeelding zonder alternatieve tekst: geef <img> een alt="…" die beschrijft wat erop staat`);
  });
  it('finds duplicate ids (foo.md and foo.mdx) and two files at one URL (a page and a section)', () => {
    expect(lines).toContain(`${F}/weten-en-regelen/hr/thuiswerken.mdx:1: dubbele id "hr/thuiswerken" in kennis: ${F}/weten-en-regelen/hr/thuiswerken.md heeft dezelfde id`);
    expect(lines).toContain(`${F}/weten-en-regelen/hr/verlof/sectie.yml:1: dubbele URL /weten-en-regelen/hr/verlof/: ${F}/weten-en-regelen/hr/verlof.mdx krijgt hetzelfde adres`);
  });
  it('finds references to colleagues and groups that do not exist, also on contact cards', () => {
    expect(lines).toContain(`${F}/weten-en-regelen/hr/thuiswerken.md:20: contactkaart verwijst naar collega "piet-onbekend" die niet bestaat`);
    expect(lines).toContain(`${F}/berichten/2026/11/01kfx0a4g0q4b2wz6x8t3mnv5c.md:3: group: verwijst naar groep "ict" die niet bestaat`);
    expect(lines).toContain(`${F}/instellingen/site.yml:14: githubTeams.1.owner: verwijst naar afdeling of collega "bestaat-niet" die niet bestaat`);
  });
  it('warns for knowledge pages past their review date and due within 30 days', () => {
    expect(lines).toContain(`${F}/weten-en-regelen/hr/thuiswerken.md:5: waarschuwing: reviewedAt: controle verlopen: de pagina had op 2025-01-15 opnieuw gecontroleerd moeten worden (gecontroleerd op 2024-01-15, elke 12 maanden)`);
    expect(lines).toContain(`${F}/weten-en-regelen/hr/ziek-melden.mdx:5: waarschuwing: reviewedAt: controle binnenkort: controleer de pagina vóór 2026-12-10 (gecontroleerd op 2025-12-10, elke 12 maanden)`);
    const later = validateContent(join(repo, F), { ...options, now: new Date('2026-10-01T12:00:00Z') }).problems.map(formatProblem);
    expect(later.some((l) => l.includes('ziek-melden.mdx:5'))).toBe(false);
  });
  it('reports nothing else: 12 errors and 4 warnings, sorted by file and line', () => {
    expect(problems.filter((p) => p.severity === 'error')).toHaveLength(12);
    expect(problems.filter((p) => p.severity === 'warning')).toHaveLength(4);
    expect([...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line)).toEqual(problems);
  });
});

describe('content check on the demo organisation', () => {
  it('has no errors (links, images, ids and references all resolve)', () => {
    const demo = validateContent(join(repo, 'content'), { pagesDir: options.pagesDir, publicDir: join(repo, 'public') });
    expect(demo.problems.filter((p) => p.severity === 'error').map(formatProblem)).toEqual([]);
  });
});

describe('formatAnnotation', () => {
  it('escapes %, newlines and (in properties) : and , as GitHub’s workflow commands require', () => {
    const line = formatAnnotation({ file: 'content/a,b:c.md', line: 3, field: 'title', message: '50% klaar\nnog meer', severity: 'error', kind: 'schema' });
    expect(line).toBe('::error file=content/a%2Cb%3Ac.md,line=3,title=Ongeldige inhoud::title: 50%25 klaar%0Anog meer');
  });
});
