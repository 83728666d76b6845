import { describe, expect, it } from 'vitest';
import { collectMarkdownRefs } from './markdown-refs.ts';

describe('collectMarkdownRefs', () => {
  it('finds links, reference definitions and images with their file lines', () => {
    const body = 'Intro [een](/a/) en [twee][ref].\n\n![Foto](/media/x.png)\n\n[ref]: /b/\n';
    expect(collectMarkdownRefs(body, 10)).toEqual([
      { kind: 'link', target: '/a/', line: 10 },
      { kind: 'image', target: '/media/x.png', line: 12, alt: 'Foto' },
      { kind: 'link', target: '/b/', line: 14 },
    ]);
  });
  it('reads MDX component props, also when a tag spans lines, and <img> with or without alt', () => {
    const body = '<ContactCard person="anna" />\n\n<Callout\n  title="Zie"\n  href="/c/">\nTekst\n</Callout>\n\n<img src="/media/y.png">\n<img alt="" src="/media/z.png">\n';
    expect(collectMarkdownRefs(body, 1)).toEqual([
      { kind: 'person', target: 'anna', line: 1 },
      { kind: 'link', target: '/c/', line: 5 },
      { kind: 'image', target: '/media/y.png', line: 9, alt: undefined, html: true },
      { kind: 'image', target: '/media/z.png', line: 10, alt: '', html: true },
    ]);
  });
  it('skips code blocks and inline code', () => {
    expect(collectMarkdownRefs('```md\n[x](/nee/)\n```\n\n`[y](/ook-niet/)`\n', 1)).toEqual([]);
  });
});
