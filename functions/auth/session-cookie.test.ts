import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCookieCodec, safeReturnPath, SESSION_SECONDS } from './session-cookie.ts';

const secret = new TextEncoder().encode('s'.repeat(40));
const withCookie = (name: string, value: string) => new Request('https://intranet.wadvoort.nl/', { headers: { cookie: `${name}=${value}` } });

describe('session cookies', () => {
  it('use the __Host- prefix on https and a plain name on http', () => {
    expect(createCookieCodec(secret, true).sessionCookie).toBe('__Host-plein-sessie');
    expect(createCookieCodec(secret, false).sessionCookie).toBe('plein-sessie');
  });

  it('round-trip a person id and refuse tampering or a login-state token used as a session', async () => {
    const codec = createCookieCodec(secret, true);
    const token = await codec.issueSession('ahmet-demir');
    expect(await codec.readSession(withCookie(codec.sessionCookie, token))).toBe('ahmet-demir');
    const [h, p, s] = token.split('.');
    const payload = JSON.parse(atob(p.replace(/-/g, '+').replace(/_/g, '/')));
    const forged = `${h}.${btoa(JSON.stringify({ ...payload, sub: 'anouk-de-vries' })).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}.${s}`;
    expect(await codec.readSession(withCookie(codec.sessionCookie, forged))).toBeUndefined();
    const login = await codec.issueLoginState({ state: 's', nonce: 'n', verifier: 'v', returnTo: '/' });
    expect(await codec.readSession(withCookie(codec.sessionCookie, login))).toBeUndefined();
    expect(await codec.readSession(withCookie('plein-sessie', token))).toBeUndefined();
  });

  it('stop working once revoked (logging out), while the same colleague’s other sessions go on', async () => {
    const codec = createCookieCodec(secret, true);
    const phone = await codec.issueSession('ahmet-demir');
    const laptop = await codec.issueSession('ahmet-demir');
    await codec.revokeSession(withCookie(codec.sessionCookie, phone));
    expect(await codec.readSession(withCookie(codec.sessionCookie, phone))).toBeUndefined();
    expect(await codec.readSession(withCookie(codec.sessionCookie, laptop))).toBe('ahmet-demir');
    // A forged cookie cannot revoke anything.
    await codec.revokeSession(withCookie(codec.sessionCookie, `${laptop.slice(0, -4)}AAAA`));
    expect(await codec.readSession(withCookie(codec.sessionCookie, laptop))).toBe('ahmet-demir');
  });
});

describe('a session checked before (kept so its HMAC is not checked on every request)', () => {
  afterEach(() => vi.useRealTimers());

  it('still ends when it expires, is still revoked at once, and only its exact token is remembered', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const codec = createCookieCodec(secret, true);
    const token = await codec.issueSession('ahmet-demir');
    const request = () => withCookie(codec.sessionCookie, token);
    expect(await codec.readSession(request())).toBe('ahmet-demir');
    vi.setSystemTime(Date.now() + (SESSION_SECONDS - 60) * 1000);
    expect(await codec.readSession(request())).toBe('ahmet-demir');
    // One more byte on the remembered token is another token: checked again, and refused.
    expect(await codec.readSession(withCookie(codec.sessionCookie, `${token}A`))).toBeUndefined();
    vi.setSystemTime(Date.now() + 120 * 1000);
    expect(await codec.readSession(request())).toBeUndefined();

    vi.setSystemTime(Date.now() - SESSION_SECONDS * 1000);
    const other = await codec.issueSession('anouk-de-vries');
    expect(await codec.readSession(withCookie(codec.sessionCookie, other))).toBe('anouk-de-vries');
    await codec.revokeSession(withCookie(codec.sessionCookie, other));
    expect(await codec.readSession(withCookie(codec.sessionCookie, other))).toBeUndefined();
  });
});

describe('safeReturnPath', () => {
  it.each([
    ['/nieuws/?pagina=2#top', '/nieuws/?pagina=2#top'],
    ['/tijdlijn/', '/tijdlijn/'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example/', '/'],
    ['javascript:alert(1)', '/'],
    ['/api/auth/login', '/'],
    ['/nieuws/\nSet-Cookie: x', '/'],
    [undefined, '/'],
  ])('%s → %s', (input, expected) => expect(safeReturnPath(input)).toBe(expected));
});
