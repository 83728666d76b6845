// Photos for a post, prepared in the browser before upload: SVG, non-images and files over 20 MB are refused with a
// clear message, and a large photo is downscaled (long side at most 2048 px) so a camera photo on 4G takes seconds.
// The server still re-encodes every photo and strips its metadata.

/** The largest file a colleague may choose, before downscaling. */
export const MAX_PHOTO_BYTES = 20 * 1024 * 1024;
/** The longest side of an uploaded photo (the server and the build use the same limit). */
export const MAX_PHOTO_SIDE = 2048;

/** Why a chosen file cannot be used, as the key of its Dutch message. */
export type PhotoProblem = 'photo.svg' | 'photo.notImage' | 'photo.tooLarge' | 'photo.unreadable';

const KEPT_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);

/** Checks a chosen file before anything is read: SVG, not an image, or too large. */
export function checkPhoto(file: File): PhotoProblem | undefined {
  if (file.type === 'image/svg+xml' || /\.svgz?$/i.test(file.name)) return 'photo.svg';
  // Phones label HEIC photos inconsistently; let the decoder decide for those.
  if (!file.type.startsWith('image/') && !/\.(heic|heif)$/i.test(file.name)) return 'photo.notImage';
  if (file.size > MAX_PHOTO_BYTES) return 'photo.tooLarge';
  return undefined;
}

/** The size a photo of `width` × `height` gets: its long side at most MAX_PHOTO_SIDE, never enlarged. */
export function fitWithin(width: number, height: number, max = MAX_PHOTO_SIDE): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * Returns the photo ready for upload: unchanged when it is a small JPEG, PNG or WebP, otherwise drawn (upright, as
 * the camera meant it) at most 2048 px on its long side and saved as JPEG. Throws 'photo.unreadable' when the
 * browser cannot decode it.
 */
export async function preparePhoto(file: File): Promise<File> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new Error('photo.unreadable');
  }
  const { width, height } = fitWithin(bitmap.width, bitmap.height);
  if (width === bitmap.width && KEPT_TYPES.has(file.type)) {
    bitmap.close();
    return file;
  }
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
  return new File([blob], file.name.replace(/\.[^.]*$/, '') + '.jpg', { type: 'image/jpeg', lastModified: file.lastModified });
}
