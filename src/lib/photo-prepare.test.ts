import { describe, expect, it } from 'vitest';
import { MAX_PHOTO_BYTES, checkPhoto, fitWithin } from './photo-prepare.ts';

describe('photo checks', () => {
  it('refuses SVG, non-images and files over 20 MB', () => {
    expect(checkPhoto(new File(['<svg/>'], 'logo.svg', { type: 'image/svg+xml' }))).toBe('photo.svg');
    expect(checkPhoto(new File(['x'], 'brief.pdf', { type: 'application/pdf' }))).toBe('photo.notImage');
    const big = new File(['x'], 'groot.jpg', { type: 'image/jpeg' });
    Object.defineProperty(big, 'size', { value: MAX_PHOTO_BYTES + 1 });
    expect(checkPhoto(big)).toBe('photo.tooLarge');
    expect(checkPhoto(new File(['x'], 'IMG_1.HEIC', { type: '' }))).toBeUndefined();
    expect(checkPhoto(new File(['x'], 'foto.jpg', { type: 'image/jpeg' }))).toBeUndefined();
  });
  it('fits a 12 MP photo within 2048 px on its long side and never enlarges', () => {
    expect(fitWithin(4000, 3000)).toEqual({ width: 2048, height: 1536 });
    expect(fitWithin(3000, 4000)).toEqual({ width: 1536, height: 2048 });
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
  });
});
