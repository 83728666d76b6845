import { describe, expect, it } from 'vitest';
import { renderMarkdown, toPlainText } from './render-markdown.ts';

describe('renderMarkdown', () => {
  it('renders ordinary Markdown', () => {
    expect(renderMarkdown('**vet** en [link](https://wadvoort.nl)')).toBe(
      '<p><strong>vet</strong> en <a href="https://wadvoort.nl">link</a></p>',
    );
  });

  it('drops raw HTML and script', () => {
    const html = renderMarkdown('hallo <script>alert(1)</script> <img src=x onerror=alert(1)>');
    expect(html).not.toMatch(/<script|onerror|<img/i);
  });

  it.each(['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)'])(
    'removes unsafe link scheme %s',
    (url) => {
      expect(renderMarkdown(`[klik](${url})`)).not.toMatch(/href=/);
      expect(renderMarkdown(`[klik][r]\n\n[r]: ${url}`)).not.toMatch(/href=/);
    },
  );

  it('links mentions of existing colleagues only', () => {
    const html = renderMarkdown('Dank @anouk-de-vries en @niemand!', { people: new Set(['anouk-de-vries']) });
    expect(html).toContain('<a href="/collegas/anouk-de-vries/" class="mention">@anouk-de-vries</a>');
    expect(html).toContain('@niemand');
    expect(html).not.toContain('/collegas/niemand/');
  });

  it('does not turn an email address into a mention', () => {
    const html = renderMarkdown('mail jan@anouk-de-vries.nl', { people: new Set(['anouk-de-vries']) });
    expect(html).not.toContain('/collegas/');
  });
});

describe('toPlainText', () => {
  it('strips Markdown syntax and folds whitespace', () => {
    expect(toPlainText('**Te koop fiets!**\n\nMijn [Gazelle](https://x.nl) voor `€ 150`')).toBe('Te koop fiets! Mijn Gazelle voor € 150');
  });
  it('keeps no HTML', () => {
    expect(toPlainText('<b>vet</b> tekst <script>alert(1)</script>')).toBe('vet tekst alert(1)');
  });
});

describe('a plain text, then the render of the same text (a post page: excerpt, then post)', () => {
  it('renders from the plain text\'s parse exactly as from its own, mentions and footnotes included, for each set of options', () => {
    const text = 'Hoi @jan-de-vries (@anna) zie [dit](https://wadvoort.nl)[^1] en `code`.\n\n[^1]: Voetnoot';
    const people = new Set(['jan-de-vries', 'anna']);
    const expected = [renderMarkdown(`${text} `, { people }), renderMarkdown(`${text} `, { people, locale: 'en' })];
    expect(toPlainText(text)).toBe('Hoi @jan-de-vries (@anna) zie dit en code. Voetnoot');
    // A trailing space renders the same HTML, so the texts differ only for the caches.
    expect(renderMarkdown(text, { people })).toBe(expected[0]);
    expect(renderMarkdown(text, { people, locale: 'en' })).toBe(expected[1]);
    expect(toPlainText(text)).toBe('Hoi @jan-de-vries (@anna) zie dit en code. Voetnoot');
  });
});

describe('images in employee Markdown', () => {
  it('keeps images from the intranet and drops the source of any other (tracking pixels, CSP violations)', () => {
    expect(renderMarkdown('![stoel](/media/berichten/2026/01/x.jpg)')).toBe('<p><img src="/media/berichten/2026/01/x.jpg" alt="stoel"></p>');
    for (const src of ['https://example.org/x.png', 'http://example.org/x.png', '//example.org/x.png', '\\\\example.org/x.png', 'x.png']) {
      expect(renderMarkdown(`![pixel](${src})`)).toBe('<p><img alt="pixel"></p>');
    }
    expect(renderMarkdown('[ergens](//example.org/)')).toBe('<p><a href="//example.org/">ergens</a></p>');
  });
});

describe('footnotes', () => {
  it('link to the ids the sanitiser prefixed, once', () => {
    const html = renderMarkdown('Zie[^1]\n\n[^1]: noot');
    expect(html).toContain('<a href="#user-content-fn-1" id="user-content-fnref-1"');
    expect(html).toContain('<li id="user-content-fn-1">');
    expect(html).toContain('href="#user-content-fnref-1"');
  });

  it('are labelled in the reader’s language: Dutch by default, English for an English site', () => {
    const nl = renderMarkdown('Zie[^1]\n\n[^1]: noot');
    expect(nl).toContain('>Voetnoten</h2>');
    expect(nl).toContain('aria-label="Terug naar verwijzing 1"');
    expect(nl).not.toContain('Footnotes');
    const en = renderMarkdown('See[^1]\n\n[^1]: note', { locale: 'en' });
    expect(en).toContain('>Footnotes</h2>');
    expect(en).toContain('aria-label="Back to reference 1"');
  });
});
