// The organisation's content folder as the environment names it: one rule for the site's config and the scripts.

/** The content folder when PLEIN_CONTENT_DIR is unset or empty. */
export const DEFAULT_CONTENT_DIR = 'content';

/** PLEIN_CONTENT_DIR, or `content`: relative to the project (or repository) root unless absolute. */
export function contentDirFromEnv(env: { readonly [name: string]: string | undefined } = process.env): string {
  return env.PLEIN_CONTENT_DIR || DEFAULT_CONTENT_DIR;
}
