// The retention terms a run applies (issue 19): the site setting `bewaartermijn`, with the server's older
// PLEIN_BEWAARTERMIJN_BEREIK_MAANDEN still winning for the reach figures. Apart from terms.ts, which the reach routes
// import themselves.
import type { RetentionTerms } from '../../src/schemas/settings.ts';
import { readReachSettings } from '../reach/routes.ts';
import type { ContentStore } from '../store/types.ts';
import { readRetentionTerms } from './terms.ts';

/** The terms of the site settings, with PLEIN_BEWAARTERMIJN_BEREIK_MAANDEN (older than the setting) still winning for the reach figures, as in their route. */
export async function readEffectiveTerms(store: Pick<ContentStore, 'read'>, prefix: string, env: Record<string, string | undefined>): Promise<RetentionTerms> {
  const site = await readRetentionTerms(store, prefix);
  return { ...site, bereik: readReachSettings(env).retentionMonths ?? site.bereik };
}
