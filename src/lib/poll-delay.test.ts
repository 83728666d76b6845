import { describe, expect, it } from 'vitest';
import { getPollDelay } from './poll-delay.ts';

describe('getPollDelay', () => {
  it('follows the server’s Plein-Poll-Seconds within 1–60 s, and falls back to the default otherwise', () => {
    expect(getPollDelay('10', 1000)).toBe(10_000);
    expect(getPollDelay('2.5', 1000)).toBe(2_500);
    expect(getPollDelay('0.2', 1000)).toBe(1_000);
    expect(getPollDelay('3600', 1000)).toBe(60_000);
    for (const bad of [null, '', '0', '-5', 'abc', 'Infinity']) expect(getPollDelay(bad, 1500)).toBe(1500);
  });
});
