import { describe, expect, it } from 'vitest';
import { createApp } from './app.ts';

describe('API app', () => {
  const app = createApp();
  it('answers the health check', async () => {
    const res = await app.request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });
  it('answers unknown routes with a JSON error in Dutch', async () => {
    const res = await app.request('/api/bestaat-niet');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'Deze API-route bestaat niet.' } });
  });
});
