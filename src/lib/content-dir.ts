// The organisation's content folder as the environment names it: one rule for the site's config and the scripts.
import { isAbsolute, relative, resolve } from 'node:path';

/** The content folder when PLEIN_CONTENT_DIR is unset or empty. */
export const DEFAULT_CONTENT_DIR = 'content';

/** PLEIN_CONTENT_DIR, or `content`: relative to the project (or repository) root unless absolute. */
export function contentDirFromEnv(env: { readonly [name: string]: string | undefined } = process.env): string {
  return env.PLEIN_CONTENT_DIR || DEFAULT_CONTENT_DIR;
}

/**
 * How a build run in `root` is told the content folder `dir`: relative to `root` when inside it, as `npm run build`
 * names it (`content`), so the server's rebuilds and the build before them share one cache folder (the content
 * layer's store, the kept posters: src/lib/build-cache.ts keys it by this name); otherwise absolute.
 */
export function contentDirForBuild(dir: string, root: string): string {
  const absolute = resolve(root, dir);
  return relativeInside(root, absolute) || absolute;
}

/** `path` relative to `folder` when it lies in it (`''` for the folder itself); undefined when it lies elsewhere. */
export function relativeInside(folder: string, path: string): string | undefined {
  const inside = relative(resolve(folder), resolve(folder, path));
  return inside.startsWith('..') || isAbsolute(inside) ? undefined : inside;
}
