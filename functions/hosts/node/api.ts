// The API on Node: the portable app with the Node-only parts (photos through sharp, suggested bodies through
// satteri) and this process's identity service unless others are given.
import { createApp, type ContentParts } from '../../app.ts';
import type { IdentityService } from '../../auth/session.ts';
import { pushRoutesConfig } from '../../notifications/push-config.ts';
import { processPhoto } from '../../photos/process-photo.ts';
import { assertSafeBody } from '../../proposals/body-guard.ts';
import { getDefaultIdentity } from './default-identity.ts';

/** What the Node API is built from; photo and body checks default to the Node tools, the content folder to PLEIN_CONTENT_DIR, push to the VAPID keys in the environment. */
export interface NodeApiOptions extends Omit<ContentParts, 'processPhoto' | 'checkProposalBody'> {
  identity?: IdentityService;
  origins?: string[];
  processPhoto?: ContentParts['processPhoto'];
  checkProposalBody?: ContentParts['checkProposalBody'];
}

/** The whole API for a Node deployment. */
export function createNodeApi(options: NodeApiOptions) {
  const { identity, origins, ...content } = options;
  return createApp({
    identity: identity ?? getDefaultIdentity(),
    origins,
    content: { processPhoto, checkProposalBody: assertSafeBody, contentPrefix: process.env.PLEIN_CONTENT_DIR, push: pushRoutesConfig(process.env), ...content },
  });
}
