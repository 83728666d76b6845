// The news as an RSS 2.0 feed.
import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { UI_LOCALE } from '../../config.ts';
import { useTranslations } from '../../i18n/index.ts';
import { getPublishedNews, getSettings } from '../../lib/content-queries.ts';
import { getEntryPath } from '../../lib/entry-paths.ts';

export const GET: APIRoute = async (context) => {
  const t = useTranslations();
  const settings = await getSettings();
  const news = await getPublishedNews();
  return rss({
    title: t('feed.title', { site: settings.name }),
    description: t('feed.description', { organisation: settings.organisation }),
    site: context.site ?? 'http://localhost:4321',
    customData: `<language>${UI_LOCALE === 'en' ? 'en-gb' : 'nl-nl'}</language>`,
    items: news.slice(0, 50).map((n) => ({
      title: n.data.title,
      description: n.data.summary,
      pubDate: n.data.date,
      link: getEntryPath('nieuws', n.id),
      categories: [n.data.category, ...n.data.tags],
    })),
  });
};
