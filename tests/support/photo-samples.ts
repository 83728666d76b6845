// The test photos both photo processors are checked with (sharp on Node, the WebAssembly codecs in workerd): made with
// sharp, no binary fixtures. They carry EXIF with GPS, XMP and an ICC profile that must not survive.
import sharp, { type Color } from 'sharp';

/** An XMP packet naming a person. */
export const SECRET_XMP =
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
  '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Jan Geheim</dc:creator>' +
  '</rdf:Description></rdf:RDF></x:xmpmeta>';
/** EXIF with a camera, a copyright holder and a GPS position. */
export const SECRET_EXIF = {
  IFD0: { Make: 'PleinCam', Copyright: 'Jan Geheim' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 5/1 30/1', GPSLongitudeRef: 'E', GPSLongitude: '4/1 18/1 0/1', GPSMapDatum: 'WGS-84' },
};
/** Strings none of which may appear in a processed photo. */
export const SECRET_STRINGS = ['Exif', 'GPS', 'WGS-84', 'PleinCam', 'Geheim', '<x:xmpmeta', 'xmp', 'ICC_PROFILE', 'Display P3'];

/** Whether bytes contain a latin1 string. */
export const includes = (haystack: Uint8Array, needle: string) => Buffer.from(haystack).includes(needle, 0, 'latin1');

/** A single-colour image. */
export function solid(width: number, height: number, background: Color = '#2a6f97', channels: 3 | 4 = 3) {
  return sharp({ create: { width, height, channels, background } });
}

/** A noisy image (compresses like a photo). */
export function noise(width: number, height: number) {
  return sharp({ create: { width, height, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 40 } } });
}

/** A JPEG with EXIF, XMP, an ICC profile and a comment segment, 640×480. */
export async function jpegWithSecrets(): Promise<Buffer> {
  const withMeta = await solid(640, 480).withExif(SECRET_EXIF).withXmp(SECRET_XMP).withIccProfile('p3').jpeg().toBuffer();
  const comment = Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0x13]), Buffer.from('Geheime opmerking', 'latin1')]);
  return Buffer.concat([withMeta.subarray(0, 2), comment, withMeta.subarray(2)]);
}

/** Left half red, right half blue, 100×50, with EXIF orientation 6 ("rotate 90° clockwise to display"). */
export function rotatedJpeg(): Promise<Buffer> {
  return solid(100, 50, '#ff0000')
    .composite([{ input: { create: { width: 50, height: 50, channels: 3, background: '#0000ff' } }, left: 50, top: 0 }])
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 95 })
    .toBuffer();
}

/** The RGB of pixel x,y of an image. */
export async function pixelOf(image: Uint8Array, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [...data.subarray(at, at + 3)];
}
