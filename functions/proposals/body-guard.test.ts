import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../src/lib/front-matter.ts';
import { assertSafeBody } from './body-guard.ts';

const root = resolve(import.meta.dirname, '../../content/weten-en-regelen');
const pages = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => /\.mdx?$/.test(f));

describe('assertSafeBody', () => {
  it('finds demo pages to check', () => {
    expect(pages.length).toBeGreaterThan(10);
  });

  // Every component a page uses must be one the guard allows, or nobody could propose a fresh copy of it.
  it.each(pages)('accepts %s as a brand-new text (only allowed components, valid syntax)', (file) => {
    const { body } = parseFrontMatter(readFileSync(join(root, file), 'utf8'));
    expect(() => assertSafeBody('', `${body}\nEen extra zin.\n`, file.endsWith('.mdx'))).not.toThrow();
  });

  it('allows code that was already there, and refuses the same code when it is new', () => {
    const before = 'Tekst {1 + 1}.\n';
    expect(() => assertSafeBody(before, 'Andere tekst {1 + 1}.\n', true)).not.toThrow();
    expect(() => assertSafeBody('Tekst.\n', 'Andere tekst {1 + 1}.\n', true)).toThrow(/geen code toevoegen/);
  });

  it.each([
    ['a javascript: link', '[hier](javascript:alert(1))'],
    ['an encoded one', '[hier](&#106;avascript:alert(1))'],
    ['a reference definition', '[hier][a]\n\n[a]: JavaScript:alert(1)'],
    ['a data: image', '![logo](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)'],
    ['a vbscript: link', '[hier](vbscript:msgbox(1))'],
  ])('refuses %s a browser would run (MDX keeps URLs as they are)', (_name, added) => {
    expect(() => assertSafeBody('Tekst.\n', `Tekst.\n\n${added}\n`, true)).toThrow(/geen code toevoegen/);
    expect(() => assertSafeBody('Tekst.\n', 'Tekst met [een link](https://example.org) en [mail](mailto:a@b.nl).\n', true)).not.toThrow();
  });
});
