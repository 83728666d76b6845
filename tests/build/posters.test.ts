// Posters: every knowledge page and group gets one, its QR code decodes to the page's absolute URL on
// PLEIN_SITE_URL, the pages link to it, and Pagefind leaves posters out of the index.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo } from '../e2e/demo.ts';
import { BUILD_SCRIPT } from '../../scripts/lib/build-command.ts';

const root = join(import.meta.dirname, '../..');
const SITE = 'https://intranet.wadvoort.example';
let out = '';

/** Rasterises a poster's inline SVG and reads its QR code, as a phone camera would. */
async function decodePosterQr(html: string): Promise<string | undefined> {
  const svg = /<svg role="img"[^>]*class="poster-qr"[\s\S]*?<\/svg>/.exec(html)?.[0];
  if (!svg) return undefined;
  const { data, info } = await sharp(Buffer.from(svg)).resize(480, 480, { kernel: 'nearest' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data;
}

const read = (path: string) => readFileSync(join(out, path, 'index.html'), 'utf8');

beforeAll(() => {
  mkdirSync(join(root, '.plein'), { recursive: true });
  out = mkdtempSync(join(root, '.plein', 'posters-'));
  const run = spawnSync(process.execPath, [BUILD_SCRIPT, '--outDir', out], { cwd: root, env: { ...process.env, PLEIN_SITE_URL: SITE }, encoding: 'utf8', timeout: 300_000 });
  expect(run.status, run.stderr).toBe(0);
}, 300_000);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('posters', () => {
  it('a knowledge page poster has the title, short text, organisation, and a QR code that decodes to the page URL', async () => {
    const page = demo.pages.find((p) => p.id === 'hr/verlof-aanvragen') ?? demo.pages[0];
    const html = read(`poster/weten-en-regelen/${page.id}`);
    const url = `${SITE}/weten-en-regelen/${page.id}/`;
    expect(await decodePosterQr(html)).toBe(url);
    expect(html).toContain(`<h1>${page.data.title}</h1>`);
    expect(html).toContain(`>${url}</a>`);
    expect(html).toContain(demo.settings.organisation);
    expect(html).toContain(`src="${demo.settings.logo.src}"`);
    // No site chrome and nothing for the search index.
    expect(html).not.toContain('site-header');
    expect(html).not.toContain('data-pagefind-body');
    expect(read(`weten-en-regelen/${page.id}`)).toContain(`href="/poster/weten-en-regelen/${page.id}/">Poster afdrukken</a>`);
  });

  it('a group poster decodes to the group URL', async () => {
    const group = demo.groups.find((g) => g.id === 'koffietijd') ?? demo.groups[0];
    const html = read(`poster/groepen/${group.id}`);
    expect(await decodePosterQr(html)).toBe(`${SITE}/groepen/${group.id}/`);
    expect(html).toContain(`<h1>${group.data.name}</h1>`);
    expect(read(`groepen/${group.id}`)).toContain(`href="/poster/groepen/${group.id}/">Poster afdrukken</a>`);
  });

  it('every knowledge page and every group has a poster whose code decodes to its own page', async () => {
    const expected = [
      ...demo.pages.map((p) => [`poster/weten-en-regelen/${p.id}`, `${SITE}/weten-en-regelen/${p.id}/`]),
      ...demo.groups.map((g) => [`poster/groepen/${g.id}`, `${SITE}/groepen/${g.id}/`]),
    ];
    expect(expected.length).toBeGreaterThan(10);
    for (const [path, url] of expected) {
      expect(existsSync(join(out, path, 'index.html')), path).toBe(true);
      expect(await decodePosterQr(read(path)), path).toBe(url);
    }
  });

  it('Pagefind indexes pages but no poster', () => {
    const dir = join(out, 'pagefind/fragment');
    const urls = readdirSync(dir).map((name) => {
      const text = gunzipSync(readFileSync(join(dir, name))).toString('utf8');
      return (JSON.parse(text.slice(text.indexOf('{'))) as { url: string }).url;
    });
    expect(urls).toContain(`/weten-en-regelen/${demo.pages[0].id}/`);
    expect(urls.filter((u) => u.startsWith('/poster/'))).toEqual([]);
  });
});
