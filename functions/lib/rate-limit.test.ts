import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error.ts';
import { createRateLimiter, readLimits } from './rate-limit.ts';

describe('rate limits', () => {
  it('allows up to the limit, then answers 429 with Retry-After, per person', async () => {
    let t = 1_000_000;
    const limiter = createRateLimiter({ bericht: [{ max: 3, windowMs: 60_000 }] }, () => t);
    for (let i = 0; i < 3; i++) await limiter.take('anouk', 'bericht');
    let error: ApiError | undefined;
    try {
      await limiter.take('anouk', 'bericht');
    } catch (e) {
      error = e as ApiError;
    }
    expect(error?.status).toBe(429);
    expect(error?.headers['Retry-After']).toBe('60');
    await expect(limiter.take('bas', 'bericht')).resolves.toBeUndefined();
    t += 60_001;
    await expect(limiter.take('anouk', 'bericht')).resolves.toBeUndefined();
  });
  it('reads limits from the environment, where 0 switches a limit off', async () => {
    const limits = readLimits({ PLEIN_LIMIT_POSTS_PER_MINUTE: '0' });
    const limiter = createRateLimiter(limits);
    for (let i = 0; i < 50; i++) await limiter.take('x', 'bericht');
    expect(() => readLimits({ PLEIN_LIMIT_POSTS_PER_DAY: '-1' })).toThrow(/PLEIN_LIMIT_POSTS_PER_DAY/);
  });
});
