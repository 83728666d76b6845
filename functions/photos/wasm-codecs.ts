// The WebAssembly codecs for photos on Workers (jSquash: MozJPEG, libwebp, the Rust png and resize crates), each handed
// its module as an import: Workers refuse WebAssembly.compile/instantiate on bytes, so the bundler must ship every .wasm
// as a compiled module (wrangler does so for Pages Functions; tests/support/wasm-photo-worker.ts does it for Miniflare).
// Only Workers import this file; Node uses sharp (process-photo.ts).
import decodeJpeg, { init as initJpegDecode } from '@jsquash/jpeg/decode.js';
import encodeJpeg, { init as initJpegEncode } from '@jsquash/jpeg/encode.js';
import decodePng, { init as initPngDecode } from '@jsquash/png/decode.js';
import encodePng, { init as initPngEncode } from '@jsquash/png/encode.js';
import resize, { initResize } from '@jsquash/resize';
import decodeWebp, { init as initWebpDecode } from '@jsquash/webp/decode.js';
import encodeWebp, { init as initWebpEncode } from '@jsquash/webp/encode.js';
import JPEG_DEC from '@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm';
import JPEG_ENC from '@jsquash/jpeg/codec/enc/mozjpeg_enc.wasm';
// @ts-expect-error wasm-bindgen's .d.ts types the instance's exports; imported on Workers it is the compiled module.
import PNG from '@jsquash/png/codec/pkg/squoosh_png_bg.wasm';
// @ts-expect-error as above.
import RESIZE from '@jsquash/resize/lib/resize/pkg/squoosh_resize_bg.wasm';
import WEBP_DEC from '@jsquash/webp/codec/dec/webp_dec.wasm';
import WEBP_ENC from '@jsquash/webp/codec/enc/webp_enc_simd.wasm';
import type { ImageType } from './photo-rules.ts';

/** Decoded pixels: RGBA, 8 bits a channel, row by row. */
export interface Pixels { data: Uint8ClampedArray; width: number; height: number }

// Workers have no ImageData; the codecs construct and read only these three fields.
if (!('ImageData' in globalThis)) {
  (globalThis as Record<string, unknown>).ImageData = class ImageData {
    data: Uint8ClampedArray;
    width: number;
    height: number;
    constructor(data: Uint8ClampedArray, width: number, height: number) {
      this.data = data;
      this.width = width;
      this.height = height;
    }
  };
}

let ready: Promise<unknown> | undefined;

/** Instantiates every codec once per isolate, from the imported modules. */
function initCodecs(): Promise<unknown> {
  // The libwebp encoder picks its SIMD build where WebAssembly SIMD exists, which every workerd has.
  ready ??= Promise.all([
    initJpegDecode(JPEG_DEC),
    initJpegEncode(JPEG_ENC),
    initPngDecode(PNG),
    initPngEncode(PNG),
    initWebpDecode(WEBP_DEC),
    initWebpEncode(WEBP_ENC),
    initResize(RESIZE),
  ]);
  return ready;
}

const toBuffer = (bytes: Uint8Array): ArrayBuffer => bytes.slice().buffer as ArrayBuffer;

/** Decodes a photo to RGBA; a JPEG comes out upright (MozJPEG's preserveOrientation applies the EXIF orientation, like sharp's autoOrient). */
export async function decodePixels(bytes: Uint8Array, type: ImageType): Promise<Pixels> {
  await initCodecs();
  if (type === 'jpeg') return (await decodeJpeg(toBuffer(bytes), { preserveOrientation: true })) as Pixels;
  if (type === 'png') return (await decodePng(toBuffer(bytes))) as Pixels;
  return (await decodeWebp(toBuffer(bytes))) as Pixels;
}

/** Scales pixels to width×height (Lanczos3 in linear light, alpha premultiplied). */
export async function resizePixels(pixels: Pixels, width: number, height: number): Promise<Pixels> {
  await initCodecs();
  return (await resize(pixels as ImageData, { width, height, method: 'lanczos3', fitMethod: 'stretch' })) as Pixels;
}

/** Encodes pixels as `type` from nothing but the pixels: no EXIF, XMP, ICC or comment can be carried over. */
export async function encodePixels(pixels: Pixels, type: ImageType): Promise<Uint8Array> {
  await initCodecs();
  const image = pixels as ImageData;
  if (type === 'jpeg') return new Uint8Array(await encodeJpeg(image, { quality: 82 }));
  if (type === 'png') return new Uint8Array(await encodePng(image));
  return new Uint8Array(await encodeWebp(image, { quality: 82, alpha_quality: 100 }));
}
