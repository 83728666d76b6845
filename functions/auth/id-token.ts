// The ID token of an OIDC login, checked once more against the provider's published keys. openid-client trusts the
// token endpoint's TLS and skips the signature (OIDC Core 3.1.3.7), so a forged answer on the back channel — a
// token signed with another key, or with its e-mail changed — would otherwise log someone in. Also refuses an `iat`
// in the future, which openid-client does not check.
import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import type * as oidc from 'openid-client';
import { ApiError } from '../lib/api-error.ts';

/** Signature algorithms an ID token may use: public-key only (an HMAC over the client secret proves nothing about the provider). */
const ASYMMETRIC = /^((RS|PS|ES)(256|384|512)|EdDSA|Ed25519)$/;
/** An ID token comes fresh from the token endpoint; one older than this (or issued in the future) is refused. */
export const ID_TOKEN_MAX_AGE_SECONDS = 600;
/** Seconds of clock difference accepted between the provider and this server. */
export const ID_TOKEN_CLOCK_TOLERANCE = 60;

/** The 401 for an ID token that does not hold up. */
export function invalidIdToken(): ApiError {
  return new ApiError(401, 'id_token_ongeldig', 'De inlogdienst stuurde een identiteitsbewijs (ID-token) dat niet klopt, dus je bent niet ingelogd. Log opnieuw in; gebeurt dit vaker, meld het dan bij de servicedesk.');
}

/** Whether an openid-client error is about the ID token (its claims, algorithm or shape) rather than the flow. */
export function isIdTokenError(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    if (/\bJWT\b|ID Token|"id_token"/.test(e.message)) return true;
  }
  return false;
}

/** Builds the check for one client; the provider's JWKS is fetched on first use and cached by jose. */
export function createIdTokenVerifier(clientId: string) {
  let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;
  let jwksUri = '';
  return async (provider: oidc.Configuration, idToken: string | undefined): Promise<void> => {
    const meta = provider.serverMetadata();
    if (!idToken) throw invalidIdToken();
    if (!meta.jwks_uri) throw new ApiError(502, 'inlogdienst_onbereikbaar', 'De inlogdienst publiceert geen sleutels (jwks_uri), dus we kunnen je login niet controleren.');
    if (meta.jwks_uri !== jwksUri) {
      jwksUri = meta.jwks_uri;
      jwks = createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: 10_000 });
    }
    const offered = (meta.id_token_signing_alg_values_supported ?? []).filter((alg) => ASYMMETRIC.test(alg));
    try {
      await jwtVerify(idToken, jwks!, {
        issuer: meta.issuer,
        audience: clientId,
        algorithms: offered.length ? offered : ['RS256'],
        maxTokenAge: ID_TOKEN_MAX_AGE_SECONDS,
        clockTolerance: ID_TOKEN_CLOCK_TOLERANCE,
        requiredClaims: ['sub', 'iat', 'exp'],
      });
    } catch (err) {
      if (err instanceof errors.JWKSTimeout || err instanceof errors.JWKSInvalid || err instanceof TypeError) {
        console.error('JWKS van de inlogdienst niet op te halen:', err.name);
        throw new ApiError(502, 'inlogdienst_onbereikbaar', 'De inlogdienst van je organisatie is niet bereikbaar. Probeer het over een paar minuten opnieuw.');
      }
      throw invalidIdToken();
    }
  };
}
