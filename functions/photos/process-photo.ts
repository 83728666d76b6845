// Photo processing for employee posts: refuse anything that is not a JPEG, PNG or WebP by its
// bytes, refuse oversized files and pixel bombs before decoding, then auto-orient, resize and
// re-encode so that no metadata (EXIF, GPS, XMP, ICC, comments) and no trailing bytes survive.

import sharp, { type Metadata } from 'sharp';
import { ApiError } from '../lib/api-error.ts';

/** A photo ready to store: re-encoded bytes, chosen extension, dimensions. */
export interface ProcessedPhoto { bytes: Uint8Array; extension: 'jpg' | 'png' | 'webp'; width: number; height: number }

/** Limits; defaults as in the issue. */
export const PHOTO_LIMITS = { maxBytes: 10 * 1024 * 1024, maxPixels: 40_000_000, maxSide: 2048, maxPhotos: 4 };

type ImageType = 'jpeg' | 'png' | 'webp';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];
const RIFF = [0x52, 0x49, 0x46, 0x46]; // "RIFF"
const WEBP = [0x57, 0x45, 0x42, 0x50]; // "WEBP"

function startsWith(bytes: Uint8Array, signature: number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((byte, i) => bytes[offset + i] === byte);
}

/** The sniffed type of bytes, or undefined. */
export function sniffImageType(bytes: Uint8Array): 'jpeg' | 'png' | 'webp' | undefined {
  if (startsWith(bytes, JPEG_SIGNATURE)) return 'jpeg';
  if (startsWith(bytes, PNG_SIGNATURE)) return 'png';
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return 'webp';
  return undefined;
}

const tooLarge = () =>
  new ApiError(413, 'foto_te_groot', `Deze foto is te groot. Een foto mag maximaal ${PHOTO_LIMITS.maxBytes / 1024 / 1024} MB zijn.`);
const notAPhoto = () =>
  new ApiError(415, 'geen_foto', 'Dit bestand is geen foto. Je kunt alleen JPEG-, PNG- of WebP-foto’s toevoegen.');
const unreadable = () =>
  new ApiError(422, 'foto_onleesbaar', 'Deze foto is beschadigd of onvolledig en kan niet worden gelezen. Probeer een ander bestand.');
const tooManyPixels = () =>
  new ApiError(
    422,
    'foto_te_veel_pixels',
    `Deze foto heeft te veel pixels. Een foto mag maximaal ${PHOTO_LIMITS.maxPixels / 1_000_000} megapixel zijn.`,
  );

/** Checks magic bytes (never trusts file name or declared type), decodes with limits, auto-orients, resizes, re-encodes, strips all metadata. */
export async function processPhoto(input: Uint8Array): Promise<ProcessedPhoto> {
  if (input.byteLength > PHOTO_LIMITS.maxBytes) throw tooLarge();
  const type = sniffImageType(input);
  if (!type) throw notAPhoto();

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
