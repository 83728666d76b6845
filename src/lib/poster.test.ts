// Poster helpers: absolute URLs, poster paths, shortened text, QR codes that decode to the URL.
import jsQR from 'jsqr';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { getAbsoluteUrl, getPosterPath, posterCacheKey, renderQrSvg, shortenText, type PosterInputs } from './poster.ts';

describe('poster helpers', () => {
  it('builds absolute URLs with or without a trailing slash on the site address', () => {
    expect(getAbsoluteUrl('/groepen/koffietijd/', 'https://intranet.example.nl')).toBe('https://intranet.example.nl/groepen/koffietijd/');
    expect(getAbsoluteUrl('/groepen/koffietijd/', 'https://intranet.example.nl/')).toBe('https://intranet.example.nl/groepen/koffietijd/');
    expect(getPosterPath('/weten-en-regelen/hr/verlof/')).toBe('/poster/weten-en-regelen/hr/verlof/');
  });

  it('shortens long text at a word boundary and keeps short text as it is', () => {
    expect(shortenText('  Kort  en\ngoed. ')).toBe('Kort en goed.');
    const long = 'Verlof vraag je aan in het HR-portaal, minstens twee weken vooraf, en je leidinggevende keurt het goed binnen vijf werkdagen.';
    const short = shortenText(long, 60);
    expect(short.length).toBeLessThanOrEqual(60);
    expect(short).toBe('Verlof vraag je aan in het HR-portaal, minstens twee weken…');
  });

  it('renders a labelled SVG QR code that decodes to the URL', async () => {
    const url = 'https://intranet.example.nl/weten-en-regelen/hr/verlof-aanvragen/?a=1&b=2';
    const svg = await renderQrSvg(url, 'QR-code naar "verlof" & meer');
    expect(svg).toMatch(/^<svg role="img" aria-label="QR-code naar &quot;verlof&quot; &amp; meer" class="poster-qr" /);
    const { data, info } = await sharp(Buffer.from(svg)).resize(400, 400, { kernel: 'nearest' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    expect(jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data).toBe(url);
  });

  it("gives a poster's incremental-build key that changes with everything the poster shows", () => {
    const base: PosterInputs = {
      title: 'Fietsplan',
      text: 'Met het fietsplan koop je een fiets.',
      pagePath: '/weten-en-regelen/hr/fietsplan/',
      kind: 'kennis',
      contentLang: undefined,
      siteUrl: 'https://intranet.example.nl',
      locale: 'nl',
      settings: { name: 'Plein', organisation: 'Gemeente Wadvoort', logo: { src: '/logo.svg', alt: 'Logo' } },
    };
    const key = posterCacheKey(base);
    expect(posterCacheKey({ ...base })).toBe(key);
    const changes: Partial<PosterInputs>[] = [
      { title: 'Fietsplan 2027' },
      { text: 'Nieuwe regeling.' },
      { pagePath: '/weten-en-regelen/hr/fiets/' },
      { kind: 'groep' },
      { contentLang: 'en' },
      { siteUrl: 'https://intranet.wadvoort.nl' },
      { locale: 'en' },
      { settings: { name: 'Plein', organisation: 'Gemeente Wadvoort', logo: { src: '/logo.svg', alt: 'Logo van de gemeente' } } },
    ];
    const keys = changes.map((change) => posterCacheKey({ ...base, ...change }));
    expect(new Set([key, ...keys]).size).toBe(changes.length + 1);
  });
});

