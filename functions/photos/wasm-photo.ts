// Photo processing on Cloudflare Workers, with the WebAssembly codecs of wasm-codecs.ts: the same checks, bounds and
// refusals as the sharp pipeline on Node (process-photo.ts), then decode → resize → encode from bare pixels, so no
// metadata (EXIF, GPS, XMP, ICC, comments) and no trailing bytes can survive by construction.
import { readImageSize } from './image-size.ts';
import { hasJpegEnd } from './jpeg-structure.ts';
import { fitInside, heicRefused, isHeic, notAPhoto, PHOTO_LIMITS, sniffImageType, tooLarge, tooManyPixels, unreadable, WORKER_MAX_PIXELS, type ProcessedPhoto } from './photo-rules.ts';
import { decodePixels, encodePixels, resizePixels, type Pixels } from './wasm-codecs.ts';

const EXTENSIONS = { jpeg: 'jpg', png: 'png', webp: 'webp' } as const;

/** Checks magic bytes and the header's size before decoding, then decodes (a JPEG upright), resizes to 2048 px and re-encodes. */
export async function processPhoto(input: Uint8Array): Promise<ProcessedPhoto> {
  if (input.byteLength > PHOTO_LIMITS.maxBytes) throw tooLarge();
  const type = sniffImageType(input);
  if (!type) throw isHeic(input) ? heicRefused() : notAPhoto();
  const declared = readImageSize(input, type);
  if (!declared) throw unreadable();
  if (declared.width * declared.height > WORKER_MAX_PIXELS) throw tooManyPixels(WORKER_MAX_PIXELS);

  // MozJPEG decodes a truncated file with grey rows and only warns; sharp (failOn 'error') refuses it, and so do we.
  if (type === 'jpeg' && !hasJpegEnd(input)) throw unreadable();

  let pixels: Pixels;
  try {
    pixels = await decodePixels(input, type);
  } catch {
    throw unreadable();
  }
  // A header that lies about the size must not let a larger image through (an EXIF rotation only swaps the sides).
  if (pixels.width * pixels.height !== declared.width * declared.height) throw unreadable();
  const target = fitInside(pixels.width, pixels.height);
  if (target.width !== pixels.width || target.height !== pixels.height) pixels = await resizePixels(pixels, target.width, target.height);
  const bytes = await encodePixels(pixels, type);
  return { bytes, extension: EXTENSIONS[type], width: pixels.width, height: pixels.height };
}
