// Stateless signed cookies: the session (who is logged in, 8 hours) and the short-lived OIDC login state.
// Both are HS256 JWTs signed with PLEIN_SESSION_SECRET; each has its own audience so one can never pass for the other.
import { jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { parse } from 'hono/utils/cookie';

/** How long a session lasts: one working day. */
export const SESSION_SECONDS = 8 * 60 * 60;
/** How long a started OIDC login may take. */
export const LOGIN_STATE_SECONDS = 10 * 60;

const ISSUER = 'plein';

/** The data an OIDC login keeps in the browser between /api/auth/login and the callback. */
export interface LoginState {
  state: string;
  nonce: string;
  verifier: string;
  /** Path to return to after login (already checked by safeReturnPath). */
  returnTo: string;
}

/** Signs and reads Plein's cookies; names get the __Host- prefix when the site runs on https. */
export interface CookieCodec {
  sessionCookie: string;
  loginCookie: string;
  secure: boolean;
  /** Attributes for Set-Cookie (hono/cookie options). */
  options(maxAge: number): { path: string; httpOnly: true; secure: boolean; sameSite: 'Lax'; maxAge: number };
  issueSession(personId: string): Promise<string>;
  readSession(request: Request): Promise<string | undefined>;
  /** Ends the session the request carries, so its cookie no longer works even if someone kept a copy. */
  revokeSession(request: Request): Promise<void>;
  issueLoginState(state: LoginState): Promise<string>;
  readLoginState(request: Request): Promise<LoginState | undefined>;
}

/** Where logged-out sessions are kept: the state store (shared by every server, kept over restarts) or this process. */
export interface SessionRevocations {
  /** Ends session `sessionId` until `expiresAt` (epoch ms), when its cookie would be refused anyway. */
  revoke(sessionId: string, expiresAt: number): Promise<void>;
  /** Whether the session was logged out. */
  isRevoked(sessionId: string): Promise<boolean>;
}

/** Revocations in this process only (tests, tools): forgotten on a restart and unknown to other servers. */
export function createMemoryRevocations(): SessionRevocations {
  const revoked = new Map<string, number>();
  return {
    async revoke(sessionId, expiresAt) {
      const now = Date.now();
      for (const [id, exp] of revoked) if (exp <= now) revoked.delete(id);
      revoked.set(sessionId, expiresAt);
    },
    async isRevoked(sessionId) {
      return (revoked.get(sessionId) ?? 0) > Date.now();
    },
  };
}

/**
 * Revocations in the shared store, with this process's own logouts kept beside them: when the database cannot be
 * reached, sessions logged out here stay refused and reading goes on (a logout elsewhere in that time is not seen).
 */
export function withLocalFallback(shared: SessionRevocations, warn = (m: string) => console.warn(m)): SessionRevocations {
  const local = createMemoryRevocations();
  let warned = false;
  return {
    async revoke(sessionId, expiresAt) {
      await local.revoke(sessionId, expiresAt);
      await shared.revoke(sessionId, expiresAt);
    },
    async isRevoked(sessionId) {
      if (await local.isRevoked(sessionId)) return true;
      try {
        const revoked = await shared.isRevoked(sessionId);
        warned = false;
        return revoked;
      } catch (err) {
        if (!warned) warn(`Plein: uitgelogde sessies konden niet worden gecontroleerd in de opslag: ${(err as Error).message}`);
        warned = true;
        return false;
      }
    },
  };
}

/** How many checked tokens one server remembers (oldest forgotten first): a few MB at most. */
const VERIFIED_CACHE = 10_000;

/** Builds the codec for one secret; `secure` decides Secure and the __Host- prefix (plain http on localhost cannot use it). */
export function createCookieCodec(secret: Uint8Array, secure: boolean, revocations: SessionRevocations = createMemoryRevocations()): CookieCodec {
  const prefix = secure ? '__Host-' : '';
  const sessionCookie = `${prefix}plein-sessie`;
  const loginCookie = `${prefix}plein-login`;

  // The key is imported once, not by jose on every call.
  let keyPromise: Promise<CryptoKey> | undefined;
  const key = () => (keyPromise ??= crypto.subtle.importKey('raw', new Uint8Array(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']));
  // Tokens whose signature and claims were checked, until they expire: every API request carries the same cookie,
  // and checking its HMAC again each time costs more than the rest of a small request. Keyed on the whole token, so
  // only that exact string hits; its age and expiry are checked again on every use; revocation is never cached.
  const verified = new Map<string, JWTPayload>();

  async function sign(claims: JWTPayload, audience: string, seconds: number, subject?: string) {
    const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuer(ISSUER).setAudience(audience).setIssuedAt().setExpirationTime(`${seconds}s`).setJti(crypto.randomUUID());
    if (subject) jwt.setSubject(subject);
    return jwt.sign(await key());
  }

  async function verify(request: Request, name: string, audience: string, maxAge: number): Promise<JWTPayload | undefined> {
    const header = request.headers.get('cookie');
    if (!header) return undefined;
    const token = parse(header, name)[name];
    if (!token) return undefined;
    const cacheKey = `${audience}\n${token}`;
    const now = Math.floor(Date.now() / 1000);
    const known = verified.get(cacheKey);
    if (known) {
      // The same time checks jose made when it was first verified (it was not issued in the future then, nor now).
      if (known.exp! > now && known.iat! + maxAge >= now) return known;
      verified.delete(cacheKey);
      return undefined;
    }
    try {
      // maxTokenAge makes jose check `iat`: a cookie issued in the future or longer ago than a session lasts is refused.
      const { payload } = await jwtVerify(token, await key(), { issuer: ISSUER, audience, algorithms: ['HS256'], maxTokenAge: maxAge, requiredClaims: ['iat', 'exp'] });
      if (verified.size >= VERIFIED_CACHE) verified.delete(verified.keys().next().value!);
      verified.set(cacheKey, payload);
      return payload;
    } catch {
      return undefined;
    }
  }

  return {
    sessionCookie,
    loginCookie,
    secure,
    options: (maxAge) => ({ path: '/', httpOnly: true, secure, sameSite: 'Lax', maxAge }),
    issueSession: (personId) => sign({}, 'plein-sessie', SESSION_SECONDS, personId),
    async readSession(request) {
      const payload = await verify(request, sessionCookie, 'plein-sessie', SESSION_SECONDS);
      if (typeof payload?.jti === 'string' && (await revocations.isRevoked(payload.jti))) return undefined;
      return typeof payload?.sub === 'string' ? payload.sub : undefined;
    },
    async revokeSession(request) {
      const payload = await verify(request, sessionCookie, 'plein-sessie', SESSION_SECONDS);
      if (typeof payload?.jti !== 'string' || typeof payload.exp !== 'number') return;
      await revocations.revoke(payload.jti, payload.exp * 1000);
    },
    issueLoginState: (state) => sign({ ...state }, 'plein-login', LOGIN_STATE_SECONDS),
    async readLoginState(request) {
      const p = await verify(request, loginCookie, 'plein-login', LOGIN_STATE_SECONDS);
      if (!p || typeof p.state !== 'string' || typeof p.nonce !== 'string' || typeof p.verifier !== 'string' || typeof p.returnTo !== 'string') return undefined;
      return { state: p.state, nonce: p.nonce, verifier: p.verifier, returnTo: safeReturnPath(p.returnTo) };
    },
  };
}

/** A path on this site to return to after login; anything else (other hosts, //evil, the login itself) becomes "/". */
export function safeReturnPath(value: string | undefined | null): string {
  if (!value || value.length > 2000) return '/';
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return '/';
  try {
    const url = new URL(value, 'http://plein.invalid');
    if (url.origin !== 'http://plein.invalid') return '/';
    if (url.pathname.startsWith('/api/auth')) return '/';
    return url.pathname + url.search + url.hash;
  } catch {
    return '/';
  }
}
