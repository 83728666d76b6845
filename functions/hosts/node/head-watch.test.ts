// The head watch (head-watch.ts): a commit made outside the server asks for one rebuild, once per new head, never
// while a build runs or for the commit already served.
import { describe, expect, it } from 'vitest';
import { createHeadCheck } from './head-watch.ts';

describe('createHeadCheck', () => {
  it('asks for a rebuild once per head the served build is not at, and not during a build', async () => {
    let head = 'a';
    let built: string | undefined = 'a';
    let busy = false;
    let asked = 0;
    const check = createHeadCheck({ headOf: async () => head, built: () => built, busy: () => busy, schedule: () => void asked++ });
    expect(await check()).toBe(false);
    head = 'b';
    busy = true;
    expect(await check()).toBe(false);
    busy = false;
    expect(await check()).toBe(true);
    // The build for b failed (built stays a): not asked again every minute for the same head.
    expect(await check()).toBe(false);
    head = 'c';
    expect(await check()).toBe(true);
    built = 'c';
    expect(await check()).toBe(false);
    // A repository that cannot be read: nothing asked.
    const broken = createHeadCheck({ headOf: () => Promise.reject(new Error('geen git')), built: () => undefined, busy: () => false, schedule: () => void asked++ });
    expect(await broken()).toBe(false);
    expect(asked).toBe(2);
  });
});
