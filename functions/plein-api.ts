// Assembles the whole API for one Node deployment: identity, the store, posting (photos through sharp), the live feed.
import { getDefaultIdentity } from './auth/default-identity.ts';
import type { IdentityService } from './auth/session.ts';
import { processPhoto } from './photos/process-photo.ts';
import { assemblePleinApi, type PleinApiParts } from './plein-api-base.ts';
import { assertSafeBody } from './proposals/body-guard.ts';

/** What an API needs from its host; photos and suggested bodies are checked with the Node-only tools unless given. */
export interface PleinApiOptions extends Omit<PleinApiParts, 'identity' | 'processPhoto' | 'checkProposalBody'> {
  /** The identity service; defaults to the process's service (getDefaultIdentity). */
  identity?: IdentityService;
  processPhoto?: PleinApiParts['processPhoto'];
  checkProposalBody?: PleinApiParts['checkProposalBody'];
}

/** The API app with every route; a write that did not come from the intranet itself is refused first. */
export function createPleinApi(options: PleinApiOptions) {
  return assemblePleinApi({ processPhoto, checkProposalBody: assertSafeBody, ...options, identity: options.identity ?? getDefaultIdentity() });
}
