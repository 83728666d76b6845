// The retention terms (issue 19): the site setting `bewaartermijn` (content/instellingen/site.yml, months per kind),
// read at the head of the content repository, so a change an editor merges counts from the next run. (The server's
// PLEIN_BEWAARTERMIJN_BEREIK_MAANDEN, which came first, still overrides the reach term: see run.ts and reach/routes.ts.)
import { parseYamlFile } from '../../src/lib/front-matter.ts';
import { retentionSchema, type RetentionTerms } from '../../src/schemas/settings.ts';
import type { ContentStore } from '../store/types.ts';

/** The moment `months` calendar months before `now` (UTC): what was made before it is past its term. */
export function monthsBefore(now: Date, months: number): number {
  const d = new Date(now.getTime());
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.getTime();
}

/**
 * The terms from the settings file's text (absent file or field: the defaults). An invalid
 * setting throws with the field and problem in Dutch: the retention removes nothing on a guess (the build's content
 * check refuses the same file).
 */
export function parseRetentionTerms(settingsText: string | undefined): RetentionTerms {
  const data = settingsText ? (parseYamlFile(settingsText) as { bewaartermijn?: unknown } | null) : undefined;
  const parsed = retentionSchema.safeParse(data?.bewaartermijn ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`instellingen/site.yml: bewaartermijn.${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

/** Reads the terms at the head of the content repository (`prefix` is the content folder). */
export async function readRetentionTerms(store: Pick<ContentStore, 'read'>, prefix: string): Promise<RetentionTerms> {
  return parseRetentionTerms(await store.read(`${prefix}/instellingen/site.yml`));
}
