// The identity service of this process, from process.env and the content folder; shared by the API and the page gate.
import { CONTENT_DIR } from '../../../src/config.ts';
import { loadPeopleDirectory } from '../../auth/people-directory.ts';
import { createIdentity, type IdentityService } from '../../auth/session.ts';

let current: IdentityService | undefined;

/** One service per process, so the API and the Node server's page gate accept the same session cookies. */
export function getDefaultIdentity(): IdentityService {
  current ??= createIdentity(process.env, loadPeopleDirectory(CONTENT_DIR));
  return current;
}
