// Astro's cache folder per content folder, and the switch for the incremental build. No side effects: scripts/build.ts
// and the benchmarks import it as well as the site's config.

/**
 * Astro's cache folder (the content layer's store, the incremental build's pages) for a content folder, relative to
 * the project root: one per content folder, since the content layer would otherwise mix entries of two folders.
 */
export function buildCacheDirFor(contentDir: string): string {
  const key = contentDir.replace(/[^A-Za-z0-9]+/g, '-');
  return key === 'content' ? 'node_modules/.astro' : `node_modules/.astro/${key}`;
}

/**
 * Set to 1 by scripts/build.ts when its build holds the cache folder's lock: only then does Astro reuse and write the
 * pages it kept (a poster whose text, site and settings are unchanged). Two builds at once would mix their copies.
 */
export const INCREMENTAL_BUILD_ENV = 'PLEIN_INCREMENTAL_BUILD';
