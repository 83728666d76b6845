// Posters for notice boards: the page's absolute URL, a short text and a QR code as inline SVG.
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
