// What every photo processor shares, free of any codec so both hosts can import it: the limits, recognising a type by
// its bytes (never by name or declared type) and the Dutch refusals. sharp (Node) and the WebAssembly codecs (Workers) build on it.
import { ApiError } from '../lib/api-error.ts';

/** A photo ready to store: re-encoded bytes, chosen extension, dimensions. */
export interface ProcessedPhoto { bytes: Uint8Array; extension: 'jpg' | 'png' | 'webp'; width: number; height: number }

/** Limits; defaults as in the issue. */
export const PHOTO_LIMITS = { maxBytes: 10 * 1024 * 1024, maxPixels: 40_000_000, maxSide: 2048, maxPhotos: 4 };

/**
 * The pixel limit on Workers, below Node's 40 MP: an isolate has 128 MB, and decoding, resizing and encoding hold about
 * three RGBA copies (12 bytes a pixel) at once. The composer downscales to 2048 px (4.2 MP) before uploading, so only
 * an upload that skipped that step meets this limit.
 */
export const WORKER_MAX_PIXELS = 8_000_000;

/** The image types Plein stores. */
export type ImageType = 'jpeg' | 'png' | 'webp';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];
const RIFF = [0x52, 0x49, 0x46, 0x46]; // "RIFF"
const WEBP = [0x57, 0x45, 0x42, 0x50]; // "WEBP"
const FTYP = [0x66, 0x74, 0x79, 0x70]; // "ftyp", at offset 4 of an ISO-BMFF file (HEIC, AVIF, MP4)
const HEIF_BRANDS = ['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1'];

function startsWith(bytes: Uint8Array, signature: number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((byte, i) => bytes[offset + i] === byte);
}

/** The sniffed type of bytes, or undefined. */
export function sniffImageType(bytes: Uint8Array): ImageType | undefined {
  if (startsWith(bytes, JPEG_SIGNATURE)) return 'jpeg';
  if (startsWith(bytes, PNG_SIGNATURE)) return 'png';
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return 'webp';
  return undefined;
}

/** Whether bytes are a HEIC/HEIF photo (an iPhone's default), by the major brand of its ftyp box. */
export function isHeic(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, FTYP, 4) || bytes.length < 12) return false;
  const brand = String.fromCharCode(bytes[8]!, bytes[9]!, bytes[10]!, bytes[11]!);
  return HEIF_BRANDS.includes(brand);
}

/** 413: over PHOTO_LIMITS.maxBytes. */
export const tooLarge = () =>
  new ApiError(413, 'foto_te_groot', `Deze foto is te groot. Een foto mag maximaal ${PHOTO_LIMITS.maxBytes / 1024 / 1024} MB zijn.`);
/** 415: not a JPEG, PNG or WebP by its bytes. */
export const notAPhoto = () =>
  new ApiError(415, 'geen_foto', 'Dit bestand is geen foto. Je kunt alleen JPEG-, PNG- of WebP-foto’s toevoegen.');
/** 415: a HEIC photo where no HEIC codec runs. */
export const heicRefused = () =>
  new ApiError(
    415,
    'heic_niet_ondersteund',
    'HEIC-foto’s (de standaard van een iPhone) kunnen hier niet worden verwerkt. Kies een JPEG-, PNG- of WebP-foto, of zet op je iPhone Instellingen → Camera → Formaten op ‘Meest compatibel’.',
  );
/** 422: truncated or corrupt. */
export const unreadable = () =>
  new ApiError(422, 'foto_onleesbaar', 'Deze foto is beschadigd of onvolledig en kan niet worden gelezen. Probeer een ander bestand.');
/** 422: more pixels than `maxPixels` (PHOTO_LIMITS.maxPixels unless a host allows fewer). */
export const tooManyPixels = (maxPixels = PHOTO_LIMITS.maxPixels) =>
  new ApiError(422, 'foto_te_veel_pixels', `Deze foto heeft te veel pixels. Een foto mag maximaal ${maxPixels / 1_000_000} megapixel zijn.`);

/** The size to scale width×height to so that neither side passes `maxSide`, never enlarging (sharp's fit 'inside'). */
export function fitInside(width: number, height: number, maxSide = PHOTO_LIMITS.maxSide): { width: number; height: number } {
  if (width <= maxSide && height <= maxSide) return { width, height };
  const scale = maxSide / Math.max(width, height);
  return width >= height
    ? { width: maxSide, height: Math.max(1, Math.round(height * scale)) }
    : { width: Math.max(1, Math.round(width * scale)), height: maxSide };
}
