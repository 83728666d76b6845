// Posters for notice boards: the page's absolute URL, a short text and a QR code as inline SVG.
import { createHash } from 'node:crypto';
import QRCode from 'qrcode';
import { escapeXml } from './xml.ts';

/** The absolute URL of a site path (`/groepen/koffietijd/`) on the public site address. */
export function getAbsoluteUrl(path: string, siteUrl: string): string {
  return new URL(path, siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`).href;
}

/** The poster route of a page path: `/groepen/x/` → `/poster/groepen/x/`. */
export function getPosterPath(pagePath: string): string {
  return `/poster${pagePath.startsWith('/') ? pagePath : `/${pagePath}`}`;
}

/** Shortens text to at most `max` characters at a word boundary, with an ellipsis; a poster has room for a few lines. */
export function shortenText(text: string, max = 220): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, '')}…`;
}

/**
 * A QR code for a URL as an SVG element (error correction M survives a crease or a pin hole),
 * rendered at build time; the label names the URL for screen readers.
 */
export async function renderQrSvg(url: string, label: string): Promise<string> {
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
  return svg.replace('<svg ', `<svg role="img" aria-label="${escapeXml(label)}" class="poster-qr" `);
}

/** What a poster shows besides its code: the page it advertises, and the site and settings it is printed for. */
export interface PosterInputs {
  title: string;
  text: string;
  pagePath: string;
  kind: 'kennis' | 'groep';
  contentLang?: string;
  siteUrl: string;
  locale: string;
  /** The site settings (name, organisation, logo): a poster shows some, so any change makes every poster anew. */
  settings: unknown;
}

/**
 * The incremental build's key of a poster page (`cacheKey` in getStaticPaths): the poster is copied from the last
 * build only when this key and the code of its route are unchanged. It must cover everything Poster.astro reads
 * that is not code, or a poster would keep an old text, address or name.
 */
export function posterCacheKey(inputs: PosterInputs): string {
  const { title, text, pagePath, kind, contentLang, siteUrl, locale, settings } = inputs;
  return createHash('sha256').update(JSON.stringify([title, text, pagePath, kind, contentLang ?? null, siteUrl, locale, settings])).digest('base64url');
}
