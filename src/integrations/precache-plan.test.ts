import { describe, expect, it } from 'vitest';
import { findLatestNews, planPrecache, toPageUrl } from './precache-plan.ts';

const file = (url: string, size = 1000) => ({ url, revision: 'r', size });

describe('planPrecache', () => {
  it('keeps the shell, timeline, colleagues, latest news and knowledge pages; leaves older news for visits', () => {
    const files = [file('nieuws/oud/index.html'), file('weten-en-regelen/hr/verlof/index.html'), file('_astro/a.js'), file('nieuws/nieuw/index.html'), file('tijdlijn/index.html')];
    const plan = planPrecache(files, new Set(['nieuws/nieuw/index.html']));
    expect(plan.keep.map((f) => f.url)).toEqual(['_astro/a.js', 'tijdlijn/index.html', 'nieuws/nieuw/index.html', 'weten-en-regelen/hr/verlof/index.html']);
    expect(plan.skipped.map((f) => f.url)).toEqual(['nieuws/oud/index.html']);
  });

  it('stops at the budget with 10,000 knowledge pages, shallow pages first, but always keeps the shell', () => {
    const pages = Array.from({ length: 10_000 }, (_, i) => file(`weten-en-regelen/s${i % 50}/p${i}/index.html`, 20_000));
    const plan = planPrecache([...pages, file('weten-en-regelen/s1/index.html', 20_000), file('_astro/big.js', 300_000)], new Set(), 5 * 1024 * 1024);
    expect(plan.bytes).toBeLessThanOrEqual(5 * 1024 * 1024);
    expect(plan.keep[0].url).toBe('_astro/big.js');
    expect(plan.keep[1].url).toBe('weten-en-regelen/s1/index.html');
    expect(plan.keep.length).toBeLessThan(300);
    expect(plan.skipped.length).toBeGreaterThan(9_700);
  });
});

describe('toPageUrl and findLatestNews', () => {
  it('maps index files to the URLs a browser asks for', () => {
    expect(toPageUrl('index.html')).toBe('/');
    expect(toPageUrl('weten-en-regelen/hr/index.html')).toBe('/weten-en-regelen/hr/');
  });
  it('finds the articles on the first news page, not categories or pages', () => {
    const html = '<a href="/nieuws/fietsplan/">a</a><a href="/nieuws/categorie/ict/">b</a><a href="/nieuws/2">c</a>';
    expect([...findLatestNews(html)]).toEqual(['nieuws/fietsplan/index.html']);
  });
});
