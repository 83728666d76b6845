import { describe, expect, it } from 'vitest';
import { parseFrontMatter, stringifyFrontMatter } from './front-matter.ts';

describe('front matter', () => {
  it('round-trips data and body through the serialiser', () => {
    const data = { title: 'Dubbele punt: en --- streepjes', tags: ['a', 'b'], n: 3, on: { type: 'bericht', id: 'x' } };
    const text = stringifyFrontMatter(data, 'Hallo *wereld*');
    const parsed = parseFrontMatter(text);
    expect(parsed.data).toEqual(data);
    expect(parsed.body).toBe('Hallo *wereld*\n');
  });
  it('refuses a non-YAML front matter language', () => {
    expect(() => parseFrontMatter('---js\nmodule.exports = { title: 1 }\n---\n')).toThrow(/YAML/);
  });
  it('refuses JavaScript tags and duplicate keys', () => {
    expect(() => parseFrontMatter('---\nx: !!js/function "function(){}"\n---\n')).toThrow();
    expect(() => parseFrontMatter('---\ntitle: a\ntitle: b\n---\n')).toThrow();
  });
  it('keeps dates as text for the schema to read', () => {
    expect(parseFrontMatter('---\ndate: 2026-11-23\n---\n').data).toEqual({ date: '2026-11-23' });
  });
  it('ends the front matter only at a fence that starts a line', () => {
    const data = { photos: [{ src: '/media/x.jpg', alt: 'foto ---' }], hidden: { by: 'mo', reason: '---' } };
    const parsed = parseFrontMatter(stringifyFrontMatter(data, 'tekst'));
    expect(parsed.data).toEqual(data);
    expect(parsed.body).toBe('tekst\n');
    expect(parseFrontMatter('---\n---\nleeg\n')).toMatchObject({ data: {}, body: 'leeg\n' });
  });
  it('quotes text that a YAML 1.1 parser (the build) would read as a date', () => {
    expect(stringifyFrontMatter({ alt: '2026-01-01', reason: '2026-03-15 10:00:00' }, '')).toContain('alt: "2026-01-01"\nreason: "2026-03-15 10:00:00"\n');
  });
  it('reads back text js-yaml refuses unquoted, and multi-line text with kept line breaks, exactly', () => {
    const data = { alt: 'a\uFFFEb', reason: ' \n', note: 'x\n\n' };
    expect(parseFrontMatter(stringifyFrontMatter(data, '')).data).toEqual(data);
  });
});
