// Hostile photo uploads, generated here with sharp and Buffers (no binaries in git): wrong formats,
// polyglots, broken and huge images, and a real photo with GPS that must lose it.
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { harmless, refused, type CorpusEntry } from './types.ts';

/** A file upload of the corpus: the bytes (built lazily), the name and type the client claims. */
export interface FileInput {
  bytes: () => Promise<Uint8Array>;
  name: string;
  type: string;
}

const SCRIPT = '<script>window.__xss=1</script>';

/** A small real JPEG; optionally with EXIF (GPS in IFD3, as sharp names it). */
export async function makeJpeg(exif?: Record<string, Record<string, string>>): Promise<Buffer> {
  const image = sharp({ create: { width: 40, height: 30, channels: 3, background: '#1d4e89' } }).jpeg();
  return exif ? image.withExif(exif).toBuffer() : image.toBuffer();
}

/** A PNG whose header claims `width`×`height` (a pixel bomb that costs nothing to make). */
async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } }).png().toBuffer();
  const out = Buffer.from(png);
  out.writeUInt32BE(width, 16);
  out.writeUInt32BE(height, 20);
  out.writeUInt32BE(crc32(out.subarray(12, 29)), 29);
  return out;
}

/** GPS that must not survive. */
export const GPS_EXIF = { IFD0: { Make: 'PleinCam', Artist: 'Jan Geheim' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 5/1 30/1', GPSLongitudeRef: 'E', GPSLongitude: '4/1 18/1 0/1' } };

const file = (bytes: () => Promise<Uint8Array>, name = 'foto.jpg', type = 'image/jpeg'): FileInput => ({ bytes, name, type });
const text = (s: string) => async () => new TextEncoder().encode(s);

/** Photo uploads: refused by their bytes, or stored re-encoded without metadata or trailing bytes. */
export const FILE_ENTRIES: CorpusEntry[] = [
  { id: 'file-svg', category: 'file', field: 'foto', description: 'SVG with a script', input: file(text(`<svg xmlns="http://www.w3.org/2000/svg" onload="window.__xss=1">${SCRIPT}</svg>`), 'foto.svg', 'image/svg+xml'), expect: refused(415) },
  { id: 'file-svg-as-jpg', category: 'file', field: 'foto', description: 'SVG named .jpg', input: file(text(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`)), expect: refused(415) },
  { id: 'file-html-as-jpg', category: 'file', field: 'foto', description: 'HTML named .jpg', input: file(text(`<!doctype html><html><body>${SCRIPT}</body></html>`)), expect: refused(415) },
  { id: 'file-html-jpeg-magic', category: 'file', field: 'foto', description: 'HTML behind JPEG magic bytes', input: file(async () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from(`<html>${SCRIPT}`)])), expect: refused(415, 422) },
  { id: 'file-gif', category: 'file', field: 'foto', description: 'GIF (not allowed)', input: file(async () => sharp({ create: { width: 4, height: 4, channels: 3, background: '#f00' } }).gif().toBuffer(), 'foto.gif', 'image/gif'), expect: refused(415) },
  { id: 'file-png-as-jpg', category: 'file', field: 'foto', description: 'PNG bytes behind a JPEG signature', input: file(async () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), await sharp({ create: { width: 4, height: 4, channels: 3, background: '#0f0' } }).png().toBuffer()])), expect: refused(415, 422) },
  { id: 'file-empty', category: 'file', field: 'foto', description: 'empty file', input: file(async () => new Uint8Array()), expect: refused(415) },
  { id: 'file-truncated', category: 'file', field: 'foto', description: 'truncated JPEG', input: file(async () => { const j = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#123', noise: { type: 'gaussian', mean: 128, sigma: 30 } } }).jpeg().toBuffer(); return j.subarray(0, Math.floor(j.length / 2)); }), expect: refused(422) },
  { id: 'file-header-only', category: 'file', field: 'foto', description: 'JPEG start marker only', input: file(async () => Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16])), expect: refused(422) },
  { id: 'file-pixel-bomb', category: 'file', field: 'foto', description: 'PNG claiming 100000×100000 pixels', input: file(() => pngClaiming(100_000, 100_000), 'bom.png', 'image/png'), expect: refused(422) },
  { id: 'file-pixel-bomb-wide', category: 'file', field: 'foto', description: 'PNG claiming 2^31 pixels wide', input: file(() => pngClaiming(0x7fffffff, 1), 'bom.png', 'image/png'), expect: refused(422) },
  { id: 'file-over-10mb', category: 'file', field: 'foto', description: '11 MB behind JPEG magic', input: file(async () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(11 * 1024 * 1024)])), expect: refused(413) },
  { id: 'file-appended-script', category: 'file', field: 'foto', description: 'JPEG with a script appended', input: file(async () => Buffer.concat([await makeJpeg(), Buffer.from(SCRIPT)])), expect: harmless },
  { id: 'file-comment-script', category: 'file', field: 'foto', description: 'JPEG with a script in an EXIF text field', input: file(() => makeJpeg({ IFD0: { ImageDescription: SCRIPT } })), expect: harmless },
  { id: 'file-gps', category: 'file', field: 'foto', description: 'photo with GPS EXIF', input: file(() => makeJpeg(GPS_EXIF)), expect: harmless },
  { id: 'file-name-path', category: 'file', field: 'foto', description: 'file name climbing into .git', input: file(() => makeJpeg(), '../../.git/hooks/post-commit'), expect: harmless },
  { id: 'file-name-html', category: 'file', field: 'foto', description: 'file name with HTML and NUL', input: file(() => makeJpeg(), '<img src=x onerror=alert(1)>\u0000.svg', 'image/svg+xml'), expect: harmless },
  { id: 'file-type-html', category: 'file', field: 'foto', description: 'real JPEG declared as text/html', input: file(() => makeJpeg(), 'foto.html', 'text/html'), expect: harmless },
];
