// The static paths of the poster routes, each with its incremental-build key (posterCacheKey): the site address,
// interface language and settings a poster is printed with are added here once for both routes.
import { SITE_URL, UI_LOCALE } from '../config.ts';
import { getSettings } from './content-queries.ts';
import { posterCacheKey, type PosterInputs } from './poster.ts';

/** What a poster route knows of the page it advertises: the props Poster.astro takes. */
export type PosterContent = Pick<PosterInputs, 'title' | 'text' | 'pagePath' | 'kind' | 'contentLang'>;

/** getStaticPaths entries for posters: the params, the poster as props and its cacheKey. */
export async function posterStaticPaths<P extends Record<string, string>>(entries: { params: P; poster: PosterContent }[]) {
  const site = { siteUrl: SITE_URL, locale: UI_LOCALE, settings: await getSettings() };
  return entries.map(({ params, poster }) => ({ params, props: { poster }, cacheKey: posterCacheKey({ ...poster, ...site }) }));
}
