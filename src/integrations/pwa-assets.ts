// The installable app's assets, written into dist/ at build time: icons made from the organisation's logo
// (plain and maskable) and the web app manifest.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { useTranslations, type Locale } from '../i18n/index.ts';
import type { Settings } from '../schemas/settings.ts';

/** The icons the manifest lists: size in pixels and purpose. Maskable icons keep the logo in the inner 60 %. */
export const ICONS = [
  { size: 192, purpose: 'any' },
  { size: 512, purpose: 'any' },
  { size: 192, purpose: 'maskable' },
  { size: 512, purpose: 'maskable' },
] as const;

/** The settings the app assets read (the full site settings satisfy it). */
export type AppSettings = Pick<Settings, 'name' | 'organisation' | 'logo' | 'themeColor' | 'backgroundColor'>;

/** Where an icon lives in dist/. */
export function getIconPath(size: number, purpose: string): string {
  return `/icons/${purpose}-${size}.png`;
}

/** The logo's bytes from the build output, or a plain tile with the first letter of the name when it is missing. */
function readLogo(outDir: string, settings: AppSettings): Buffer {
  const file = join(outDir, settings.logo.src.replace(/^\/+/, ''));
  if (settings.logo.src.startsWith('/') && existsSync(file)) return readFileSync(file);
  const letter = (settings.name.trim()[0] ?? 'P').toUpperCase().replace(/[<&>"]/g, '');
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512"><rect width="512" height="512" fill="${settings.themeColor}"/><text x="256" y="340" font-size="300" font-family="sans-serif" font-weight="700" fill="#fff" text-anchor="middle">${letter}</text></svg>`);
}

/** Renders one square icon: the logo fitted inside `inner` of the side, centred on the background colour. */
async function renderIcon(logo: Buffer, size: number, inner: number, background: string): Promise<Buffer> {
  const side = Math.round(size * inner);
  // Rasterise, then trim the logo's own empty margins so it sits in the middle of the icon.
  const raster = await sharp(logo, { density: 300 }).png().toBuffer();
  const fitted = await sharp(raster).trim().resize({ width: side, height: side, fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } }).png().toBuffer();
  return sharp({ create: { width: size, height: size, channels: 4, background } })
    .composite([{ input: fitted, gravity: 'centre' }])
    .png({ compressionLevel: 9 })
    .toBuffer();
}

/** Writes dist/icons/*.png and dist/apple-touch-icon.png from the logo. */
export async function writeIcons(outDir: string, settings: AppSettings): Promise<void> {
  const logo = readLogo(outDir, settings);
  mkdirSync(join(outDir, 'icons'), { recursive: true });
  for (const icon of ICONS) {
    // Maskable: the platform may cut the icon to a circle, which keeps only the inner 80 %; 60 % leaves a margin.
    const png = await renderIcon(logo, icon.size, icon.purpose === 'maskable' ? 0.6 : 0.86, settings.backgroundColor);
    writeFileSync(join(outDir, getIconPath(icon.size, icon.purpose).slice(1)), png);
  }
  writeFileSync(join(outDir, 'icons', 'apple-touch-icon.png'), await renderIcon(logo, 180, 0.8, settings.backgroundColor));
}

/** The web app manifest; the Meldingen shortcut only when the site has a notifications page. */
export function buildManifest(settings: AppSettings, options: { locale: Locale; hasNotifications: boolean }): Record<string, unknown> {
  const t = useTranslations(options.locale);
  const shortcut = (name: string, url: string) => ({ name, url, icons: [{ src: getIconPath(192, 'any'), sizes: '192x192', type: 'image/png' }] });
  return {
    id: '/',
    name: `${settings.name} – ${settings.organisation}`,
    short_name: settings.name.slice(0, 12),
    description: t('pwa.description', { org: settings.organisation }),
    lang: options.locale,
    dir: 'ltr',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    theme_color: settings.themeColor,
    background_color: settings.backgroundColor,
    icons: ICONS.map((i) => ({ src: getIconPath(i.size, i.purpose), sizes: `${i.size}x${i.size}`, type: 'image/png', purpose: i.purpose })),
    shortcuts: [
      shortcut(t('pwa.shortcutTimeline'), '/tijdlijn/'),
      shortcut(t('pwa.shortcutKnowledge'), '/weten-en-regelen/'),
      shortcut(t('pwa.shortcutSearch'), '/zoeken/'),
      ...(options.hasNotifications ? [shortcut(t('pwa.shortcutNotifications'), '/meldingen/')] : []),
    ],
  };
}
