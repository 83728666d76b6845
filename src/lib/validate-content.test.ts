import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, lineFinder, readContentEntries, validateContent } from './validate-content.ts';

const root = join(import.meta.dirname, '../../tests/fixtures/broken-content');
const { problems, entries } = validateContent(root);
const lines = problems.map(formatProblem);
const find = (file: string, field: string) => lines.find((l) => l.includes(file) && l.includes(`: ${field}: `));

describe('validateContent on the broken fixture', () => {
  it('names the file, line and field of a missing required field', () => {
    expect(find('nieuws/kapot.md', 'title')).toMatch(/nieuws\/kapot\.md:1: title: is verplicht maar ontbreekt$/);
  });
  it('points at the line of a wrong value', () => {
    expect(find('nieuws/kapot.md', 'date')).toMatch(/nieuws\/kapot\.md:3: date: moet een datum zijn/);
    expect(find('collegas/piet-zonder-mail.yml', 'email')).toMatch(/piet-zonder-mail\.yml:4: email: moet een geldig e-mailadres zijn/);
    expect(find('nieuws/onbekende-auteur.md', 'category')).toMatch(/onbekende-auteur\.md:6: category: moet een van deze zijn/);
  });
  it('reports unknown fields (typos) and cross-field rules', () => {
    expect(lines.some((l) => /hr\/verlof\.md:6: onbekend veld: titel/.test(l))).toBe(true);
    expect(find('agenda/omgekeerd.md', 'end')).toMatch(/moet na het begin liggen/);
  });
  it('reports references to things that do not exist', () => {
    const fixed = validateContent(join(import.meta.dirname, '../../tests/fixtures/bad-references'));
    const refs = fixed.problems.map(formatProblem);
    expect(refs).toContain('tests/fixtures/bad-references/nieuws/spook.md:5: author: verwijst naar collega "niet-bestaand" die niet bestaat');
    expect(refs).toContain('tests/fixtures/bad-references/collegas/anna-jansen.yml:3: department: verwijst naar afdeling "bestaat-niet" die niet bestaat');
  });
  it('accepts the valid entries of the fixture', () => {
    expect(entries.afdelingen.has('hr')).toBe(true);
    expect(entries.secties.has('hr')).toBe(true);
    expect(problems.every((p) => !p.file.endsWith('anna-jansen.yml'))).toBe(true);
  });
});

describe('lineFinder', () => {
  const lineOf = (source: string, key: string, offset = 0) => lineFinder(source, offset)([key]);
  it('finds a top-level key of front matter, not a line of the body after the closing fence', () => {
    expect(lineOf('title: a\nreviewedAt: 2025-01-01\n---\nreviewedAt: in de tekst\n', 'reviewedAt', 1)).toBe(3);
    expect(lineOf('title: a\n---\nreviewedAt: in de tekst\n', 'reviewedAt', 1)).toBe(1);
  });
  it('skips lines inside block scalars and nested maps, and keys that only start with the name', () => {
    expect(lineOf('# opmerking\nbody: |\n  reviewedAt: nee\nmeta:\n  reviewedAt: nee\nreviewedAtX: nee\nreviewedAt : ja\n', 'reviewedAt')).toBe(7);
  });
  it('gives the line the YAML parser gives where reading lines is not certain', () => {
    expect(lineOf('title: a\nreviewedAt: 1\nreviewedAt: 2\n', 'reviewedAt')).toBe(2);
    expect(lineOf('title: a\n"reviewedAt": 1\n', 'reviewedAt')).toBe(2);
    expect(lineOf('{title: a,\nreviewedAt: 1}\n', 'reviewedAt')).toBe(2);
    expect(lineOf('---\ntitle: a\nreviewedAt: 1\n', 'reviewedAt')).toBe(3);
    expect(lineOf('title: a\ntrue: 1\n', 'true')).toBe(1);
  });
});

describe('readContentEntries', () => {
  it('reads files in subfolders and linked files, not folders that look like files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plein-list-'));
    try {
      const hr = join(root, 'afdelingen/hr.yml');
      mkdirSync(join(dir, 'content/afdelingen/regio'), { recursive: true });
      mkdirSync(join(dir, 'content/afdelingen/map.yml'));
      cpSync(hr, join(dir, 'content/afdelingen/hr.yml'));
      cpSync(hr, join(dir, 'elders.yml'));
      symlinkSync(join(dir, 'elders.yml'), join(dir, 'content/afdelingen/ict.yml'));
      cpSync(hr, join(dir, 'content/afdelingen/regio/noord.yml'));
      const { entries, problems } = readContentEntries(join(dir, 'content'), ['afdelingen']);
      expect([...entries.afdelingen.keys()].sort()).toEqual(['hr', 'ict', 'regio/noord']);
      expect(problems).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
