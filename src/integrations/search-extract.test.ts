import { gunzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import { afterAll, describe, expect, it } from 'vitest';
import { searchablePage } from './search-extract.ts';

/** A page shaped like Plein's: chrome around a data-pagefind-body element, chrome after it. */
const page = ({ before = '', body, after = '', lang = 'nl' }: { before?: string; body: string; after?: string; lang?: string }) => `<!DOCTYPE html>
<html lang="${lang}"><head><meta charset="utf-8"><title>Pagina · Plein</title>
<meta name="description" content="Een &quot;samenvatting&quot; met a > b en <b>tags</b>">
<script type="module" src="/_astro/a.js"></script><style>.x > .y { color: red }</style></head>
<body><a class="skip-link" href="#inhoud">Naar de inhoud</a>
<header><a href="/"><img src="/media/logo.svg" alt=""></a>
<form action="/zoeken/" data-labels="{&quot;none&quot;:&quot;Niets voor “{q}”&quot;}"><label for="q">Zoek</label><input id="q" name="q"><button>Zoeken</button></form>
<svg aria-hidden="true" viewBox="0 0 24 24"><title>Bel</title><path d="M1 2Z"/></svg>
<nav aria-label="Hoofdmenu"><ul><li><a href="/nieuws/">Nieuws</a></li></ul></nav></header>
<main id="inhoud"><nav class="breadcrumbs"><ol><li><a href="/">Home</a></li></ol></nav>${before}
${body}
${after}</main>
<section class="comments" data-pagefind-ignore id="reacties"><h2>Reacties</h2><p>Nog geen reacties.</p></section>
<script type="module">const s = '</div><div class="x">'; console.log(s);</script>
<footer><p>Gemeente Wadvoort</p></footer></body></html>`;

const BODY = `<div data-pagefind-body>
<span hidden data-pagefind-meta="type:bericht"></span><span hidden data-pagefind-filter="type:bericht"></span>
<span hidden data-pagefind-filter="department:ict"></span><span hidden data-pagefind-meta="date:2026-02-08" data-pagefind-sort="date:2026-02-08"></span>
<h1 class="visually-hidden">Fiets te koop</h1>
<article id="bericht-1"><header data-pagefind-ignore><a href="/collegas/ruben/">Ruben</a></header>
<div class="body"><p>Mijn <strong>fiets</strong> is te koop, a &lt; b en 3 < 4.</p><div><p>Genest <a title="x </div> y > z" href="/a">blok</a>.</p></div>
<!-- <div> een opmerking </div> --><h2 id="details">Details</h2><p>Trapondersteuning en <img src="/media/fiets.jpg" alt="De fiets"> zadel.</p>
<noscript><p>Zonder JavaScript</p></noscript><script>const t = '</div>';</script><textarea hidden></div></textarea></div></article>
</div>`;

describe('searchablePage', () => {
  it('cuts a page down to <html>, its <title> and the body element', () => {
    const result = searchablePage(page({ body: BODY }));
    expect(result.kind).toBe('cut');
    expect(result.lang).toBe('nl');
    expect(result.html).toBe(`<!DOCTYPE html><html lang="nl"><head><title>Pagina · Plein</title></head><body>${BODY}</body></html>`);
  });

  it('finds the end of the body past attributes, comments, scripts and raw text that hold tags', () => {
    const body = '<article data-pagefind-body><p title="</article>">a</p><script>"</article>"</script><!-- </article> --><article>b</article>c</article>';
    expect(searchablePage(page({ body, after: '<p>na het lichaam</p>' })).html).toContain(`<body>${body}</body>`);
  });

  it('keeps the <img> tags after the body, which can give Pagefind its default image', () => {
    const after = '<ul><li><img class="avatar" src="/media/a.svg" alt> Anouk</li><!-- <img src="/x.jpg"> --><script>"<img src=/y.jpg>"</script><li><img src="/media/b.svg" alt="B"></li></ul>';
    expect(searchablePage(page({ body: BODY, after })).html).toContain(`${BODY}<img class="avatar" src="/media/a.svg" alt><img src="/media/b.svg" alt="B"></body>`);
  });

  it('reads the language of the page', () => {
    expect(searchablePage(page({ body: BODY, lang: 'EN' })).lang).toBe('en');
    expect(searchablePage('<html><body><div data-pagefind-body>x</div></body></html>')).toMatchObject({ lang: '', kind: 'cut' });
  });

  it('gives a page whole when a tag cannot be read to its end', () => {
    const html = '<html lang="nl"><body><div data-pagefind-body><p title="nooit gesloten>tekst</p></div></body></html>';
    expect(searchablePage(html)).toMatchObject({ kind: 'whole', html });
  });

  it('marks a page without data-pagefind-body as none', () => {
    expect(searchablePage(page({ body: '<div><p>Poster</p></div>' }))).toMatchObject({ kind: 'none', lang: 'nl' });
  });

  it.each([
    ['an <h1> before the body (its default title)', { before: '<h1>Kop buiten</h1>', body: BODY }],
    ['a filter before the body', { before: '<span data-pagefind-filter="tag:x"></span>', body: BODY }],
    ['meta after the body', { body: BODY, after: '<span data-pagefind-meta="auteur:Ruben"></span>' }],
    ['an <img> in a <noscript> after the body', { body: BODY, after: '<noscript><img src="/media/na.jpg" alt=""></noscript>' }],
    ['a second body', { body: BODY, after: '<div data-pagefind-body>Tweede</div>' }],
    ['a body inside a form', { before: '<form>', body: BODY, after: '</form>' }],
    ['data-pagefind-ignore on an element before the body', { before: '<div data-pagefind-ignore="all">', body: BODY, after: '</div>' }],
    ['a body that never ends', { body: '<div data-pagefind-body><div>open' }],
    ['a <noscript> holding the body element\'s tag', { body: BODY.replace('<p>Zonder JavaScript</p>', '<div>Zonder</div>') }],
  ])('gives the page whole when it has %s', (_, parts) => {
    const html = page(parts);
    expect(searchablePage(html)).toMatchObject({ kind: 'whole', html });
  });
});

describe('searchablePage with Pagefind', () => {
  afterAll(() => pagefind.close());

  /** Indexes pages with Pagefind and returns each page's fragment (its text, meta, filters, anchors) by URL. */
  async function fragments(pages: Record<string, string>) {
    const { index } = await pagefind.createIndex({});
    for (const [sourcePath, content] of Object.entries(pages)) expect((await index!.addHTMLFile({ sourcePath, content })).errors).toEqual([]);
    const { files } = await index!.getFiles();
    const byUrl: Record<string, unknown> = {};
    for (const file of files.filter((f) => f.path.endsWith('.pf_fragment'))) {
      const data = JSON.parse(gunzipSync(file.content).toString('utf8').replace(/^pagefind_dcd/, '')) as { url: string };
      byUrl[data.url] = data;
    }
    return byUrl;
  }

  it('indexes the cut-down pages exactly as the pages themselves', async () => {
    const pages: Record<string, string> = {
      'berichten/fiets/index.html': page({ body: BODY }),
      'nieuws/english/index.html': page({ lang: 'en', body: BODY.replace(/fiets/g, 'bicycle') }),
      'nieuws/titel/index.html': page({ body: '<article data-pagefind-body><p>Geen kop, dus de paginatitel.</p><section id="meer"><h3>Meer</h3><p>Tekst</p></section></article>' }),
      'weten-en-regelen/kop-buiten/index.html': page({ before: '<h1>Kop buiten het lichaam</h1>', body: '<div data-pagefind-body><p>Regeling</p></div>' }),
      'poster/fiets/index.html': page({ body: '<div><p>Poster zonder lichaam</p></div>' }),
      'groepen/koffietijd/index.html': page({ body: '<div data-pagefind-body><span hidden data-pagefind-meta="title:Koffietijd"></span><p>Groep</p></div>', after: '<ul><li><img src="/media/anouk.svg" alt="Anouk"></li><li><img src="/media/ruben.svg" alt></li></ul>' }),
    };
    const cut: Record<string, string> = {};
    const kinds: string[] = [];
    for (const [path, html] of Object.entries(pages)) {
      const result = searchablePage(html);
      kinds.push(result.kind);
      if (result.kind !== 'none') cut[path] = result.html;
    }
    expect(kinds).toEqual(['cut', 'cut', 'cut', 'whole', 'none', 'cut']);
    const [whole, trimmed] = [await fragments(pages), await fragments(cut)];
    expect(Object.keys(whole).sort()).toEqual(['/berichten/fiets/', '/groepen/koffietijd/', '/nieuws/english/', '/nieuws/titel/', '/weten-en-regelen/kop-buiten/']);
    expect(whole['/groepen/koffietijd/']).toMatchObject({ meta: { image: '/media/anouk.svg', image_alt: 'Anouk' } });
    expect(trimmed).toEqual(whole);
  });
});
