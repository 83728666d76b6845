import { afterEach, describe, expect, it, vi } from 'vitest';
import { sendReachBeacon } from './reach-beacon.ts';

function fakeBrowser() {
  const items = new Map<string, string>();
  const sent: unknown[] = [];
  vi.stubGlobal('localStorage', { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) });
  vi.stubGlobal('navigator', { sendBeacon: (url: string, blob: Blob) => (sent.push({ url, blob }), true) });
  const bodies = () => Promise.all(sent.map(async (s) => JSON.parse(await (s as { blob: Blob }).blob.text())));
  return { sent, bodies };
}
afterEach(() => vi.unstubAllGlobals());

describe('reach beacon in the browser', () => {
  it('sends one beacon per item per day (not again on reload) and marks only the first of the ISO week', async () => {
    const { sent, bodies } = fakeBrowser();
    const monday = new Date('2026-11-30T09:00:00Z');
    expect(sendReachBeacon('nieuws:mfa', monday)).toBe(true);
    expect(sendReachBeacon('nieuws:mfa', monday)).toBe(false); // a reload
    expect(sendReachBeacon('kennis:verlof', monday)).toBe(true);
    expect(sendReachBeacon('nieuws:mfa', new Date('2026-12-01T09:00:00Z'))).toBe(true); // the next day
    expect(sendReachBeacon('nieuws:mfa', new Date('2026-12-07T09:00:00Z'))).toBe(true); // the next week
    expect(sent.map((s) => (s as { url: string }).url)).toEqual(Array(4).fill('/api/bereik'));
    expect(await bodies()).toEqual([
      { pagina: 'nieuws:mfa', dag: '2026-11-30', week: true },
      { pagina: 'kennis:verlof', dag: '2026-11-30' },
      { pagina: 'nieuws:mfa', dag: '2026-12-01' },
      { pagina: 'nieuws:mfa', dag: '2026-12-07', week: true },
    ]);
  });
});
