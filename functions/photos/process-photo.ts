// Photo processing for employee posts: refuse anything that is not a JPEG, PNG or WebP by its
// bytes, refuse oversized files and pixel bombs before decoding, then auto-orient, resize and
// re-encode so that no metadata (EXIF, GPS, XMP, ICC, comments) and no trailing bytes survive.

import sharp, { type Metadata } from 'sharp';
import { heicRefused, isHeic, notAPhoto, PHOTO_LIMITS, sniffImageType, tooLarge, tooManyPixels, unreadable, type ProcessedPhoto } from './photo-rules.ts';

export { PHOTO_LIMITS, sniffImageType, type ProcessedPhoto } from './photo-rules.ts';

/** Checks magic bytes (never trusts file name or declared type), decodes with limits, auto-orients, resizes, re-encodes, strips all metadata. */
export async function processPhoto(input: Uint8Array): Promise<ProcessedPhoto> {
  if (input.byteLength > PHOTO_LIMITS.maxBytes) throw tooLarge();
  const type = sniffImageType(input);
  if (!type) throw isHeic(input) ? heicRefused() : notAPhoto();

  const options = { failOn: 'error', limitInputPixels: PHOTO_LIMITS.maxPixels } as const;

  // Header only: libvips reads the dimensions without decoding any pixel data.
  let header: Metadata;
  try {
    header = await sharp(input, { ...options, limitInputPixels: false }).metadata();
  } catch {
    throw unreadable();
  }
  if (header.format !== type) throw notAPhoto();
  if (!(header.width > 0 && header.height > 0)) throw unreadable();
  if (header.width * header.height > PHOTO_LIMITS.maxPixels) throw tooManyPixels();

  // A fresh pipeline: without withMetadata()/keepMetadata() sharp writes no EXIF, XMP, IPTC or ICC,
  // and converts to sRGB. autoOrient() (= rotate() without angle) applies and drops the orientation.
  const pipeline = sharp(input, options)
    .autoOrient()
    .resize({ width: PHOTO_LIMITS.maxSide, height: PHOTO_LIMITS.maxSide, fit: 'inside', withoutEnlargement: true });

  let extension: ProcessedPhoto['extension'];
  if (type === 'jpeg') {
    extension = 'jpg';
    pipeline.jpeg({ quality: 82, mozjpeg: true });
  } else if (type === 'png') {
    extension = 'png';
    pipeline.png({ compressionLevel: 9, adaptiveFiltering: true, palette: header.isPalette });
  } else {
    extension = 'webp';
    pipeline.webp({ quality: 82, alphaQuality: 100 });
  }

  try {
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    return { bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), extension, width: info.width, height: info.height };
  } catch (error) {
    // Defence in depth: sharp's own pixel limit, should a header lie about the dimensions.
    if (error instanceof Error && /pixel limit/i.test(error.message)) throw tooManyPixels();
    throw unreadable();
  }
}
