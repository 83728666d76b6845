import { describe, expect, it } from 'vitest';
import { formatPrice, isOpenListing } from './listing.ts';

describe('listings', () => {
  it('are open until sold or past their group’s days', () => {
    const created = new Date('2026-11-23T08:45:00+01:00');
    expect(isOpenListing({ status: 'beschikbaar' }, created, 30, new Date('2026-12-23T08:44:59+01:00'))).toBe(true);
    expect(isOpenListing({ status: 'gereserveerd' }, created, 30, new Date('2026-12-01T00:00:00+01:00'))).toBe(true);
    expect(isOpenListing({ status: 'beschikbaar' }, created, 30, new Date('2026-12-23T08:45:00+01:00'))).toBe(false);
    expect(isOpenListing({ status: 'verkocht' }, created, 30, created)).toBe(false);
    expect(isOpenListing({ status: 'beschikbaar' }, created, 7, new Date('2026-12-01T00:00:00+01:00'))).toBe(false);
  });

  it('show prices the Dutch way', () => {
    expect(formatPrice(45).replace(/\s/g, ' ')).toBe('€ 45,00');
    expect(formatPrice(1250.5).replace(/\s/g, ' ')).toBe('€ 1.250,50');
  });
});
