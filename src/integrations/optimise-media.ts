// Astro integration: optimises the media editors upload (public/media → dist/media) at build time:
// raster images are auto-oriented, shrunk to at most 2048 px, stripped of metadata and recompressed.
import type { AstroIntegration } from 'astro';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

/** Longest side of an image on the site. */
export const MAX_SIDE = 2048;

/** Optimises one image file in place; keeps the original when the result is not smaller. Returns bytes saved. */
export async function optimiseImage(file: string): Promise<number> {
  const input = readFileSync(file);
  const image = sharp(input, { failOn: 'error', limitInputPixels: 40_000_000 }).autoOrient().resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true });
  const ext = file.toLowerCase().split('.').pop();
  const output =
    ext === 'png' ? await image.png({ compressionLevel: 9, palette: (await sharp(input).metadata()).isPalette ?? false }).toBuffer()
    : ext === 'webp' ? await image.webp({ quality: 82 }).toBuffer()
    : await image.jpeg({ quality: 82, mozjpeg: true }).toBuffer();
  const resized = (await sharp(output).metadata()).width! < (await sharp(input).metadata()).width!;
  if (output.length >= input.length && !resized) return 0;
  writeFileSync(file, output);
  return input.length - output.length;
}

/** Runs optimiseImage over dist/media after the build; an image that cannot be read fails the build, named. */
export function optimiseMedia(): AstroIntegration {
  return {
    name: 'plein:optimise-media',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const media = join(fileURLToPath(dir), 'media');
        let files: string[] = [];
        try {
          files = (readdirSync(media, { recursive: true }) as string[]).filter((f) => /\.(jpe?g|png|webp)$/i.test(f) && statSync(join(media, f)).isFile());
        } catch {
          return;
        }
        let saved = 0;
        for (const f of files) {
          try {
            saved += await optimiseImage(join(media, f));
          } catch (err) {
            throw new Error(`public/media/${f}: afbeelding kan niet worden gelezen (${(err as Error).message})`);
          }
        }
        if (files.length) logger.info(`${files.length} afbeeldingen geoptimaliseerd, ${Math.round(saved / 1024)} kB bespaard`);
      },
    },
  };
}
