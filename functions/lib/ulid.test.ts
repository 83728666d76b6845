import { describe, expect, it } from 'vitest';
import { createUlid, getUlidTime, isUlid } from './ulid.ts';

describe('ulid', () => {
  it('creates valid, time-sortable ids', () => {
    const a = createUlid(Date.parse('2026-11-23T10:00:00Z'));
    const b = createUlid(Date.parse('2026-11-23T10:00:00Z'));
    const c = createUlid(Date.parse('2026-11-23T10:00:01Z'));
    expect(isUlid(a) && isUlid(b) && isUlid(c)).toBe(true);
    expect([c, b, a].sort()).toEqual([a, b, c]);
    expect(getUlidTime(a).toISOString()).toBe('2026-11-23T10:00:00.000Z');
  });
  it('rejects anything else', () => {
    for (const bad of ['', '../etc/passwd', '01ARZ3NDEKTSV4RRFFQ69G5FAV', '8zzzzzzzzzzzzzzzzzzzzzzzzz', 'x'.repeat(26)]) expect(isUlid(bad)).toBe(false);
  });
});
