// Identity behind an identity-aware proxy (Cloudflare Access, Pomerium, …): the proxy signs a JWT per request;
// Plein verifies it against the proxy's JWKS (issuer, audience, asymmetric algorithms only, small clock tolerance,
// a subject, and no issue time in the future).
import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import { ApiError } from '../lib/api-error.ts';
import type { ProxyConfig } from './identity-config.ts';

/** Signature algorithms a proxy may use; never "none" and never HMAC (a shared secret is not a proxy's signature). */
export const PROXY_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'EdDSA'];
/** Seconds of clock difference accepted between the proxy and this server. */
export const PROXY_CLOCK_TOLERANCE = 30;

/** Returns the verified e-mail of a request, undefined without a (valid) token; 503 when the JWKS cannot be fetched. */
export function createProxyVerifier(config: Pick<ProxyConfig, 'jwksUrl' | 'issuer' | 'audience' | 'header'>) {
  const jwks = createRemoteJWKSet(config.jwksUrl, { timeoutDuration: 5000, cooldownDuration: 30_000 });
  return async (request: Request): Promise<string | undefined> => {
    const token = request.headers.get(config.header);
    if (!token) return undefined;
    let email: unknown;
    try {
      const { payload } = await jwtVerify(token, jwks, {
        issuer: config.issuer,
        audience: config.audience,
        algorithms: PROXY_ALGORITHMS,
        clockTolerance: PROXY_CLOCK_TOLERANCE,
        requiredClaims: ['exp', 'sub'],
      });
      // jose checks `iat` only against a maximum age; a token issued in the future is not one the proxy made.
      if (typeof payload.iat === 'number' && payload.iat > Date.now() / 1000 + PROXY_CLOCK_TOLERANCE) return undefined;
      email = payload.email;
    } catch (err) {
      if (err instanceof errors.JWKSTimeout || err instanceof errors.JWKSInvalid || err instanceof TypeError) {
        console.error('JWKS van de proxy niet op te halen:', err.name);
        throw new ApiError(503, 'toegangspoort_onbereikbaar', 'De sleutels van de toegangspoort zijn niet op te halen, dus we kunnen niet controleren wie je bent. Probeer het over een paar minuten opnieuw.');
      }
      return undefined;
    }
    if (typeof email === 'string' && /^[^\s@]+@[^\s@]+$/.test(email)) return email;
    throw new ApiError(403, 'geen_email', 'De toegangspoort gaf geen e-mailadres door, dus we kunnen je niet aan een collega-profiel koppelen.');
  };
}
