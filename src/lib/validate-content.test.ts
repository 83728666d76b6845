import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, validateContent } from './validate-content.ts';

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
