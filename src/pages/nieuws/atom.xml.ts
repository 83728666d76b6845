// The news as an Atom 1.0 feed.
import type { APIRoute } from 'astro';
import { UI_LOCALE } from '../../config.ts';
import { useTranslations } from '../../i18n/index.ts';
import { getPublishedNews, getSettings } from '../../lib/content-queries.ts';
import { escapeXml } from '../../lib/xml.ts';
import { getEntryPath } from '../../lib/entry-paths.ts';

export const GET: APIRoute = async (context) => {
  const site = new URL(context.site ?? 'http://localhost:4321');
  const settings = await getSettings();
  const news = (await getPublishedNews()).slice(0, 50);
  const updated = (news[0]?.data.date ?? new Date(0)).toISOString();
  const entries = news.map((n) => {
    const url = new URL(getEntryPath('nieuws', n.id), site).href;
    return `  <entry>
    <title>${escapeXml(n.data.title)}</title>
    <link href="${escapeXml(url)}"/>
    <id>${escapeXml(url)}</id>
    <updated>${n.data.date.toISOString()}</updated>
    <summary>${escapeXml(n.data.summary)}</summary>
    <category term="${escapeXml(n.data.category)}"/>
  </entry>`;
  });
  const body = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${UI_LOCALE}">
  <title>${escapeXml(useTranslations()('feed.title', { site: settings.name }))}</title>
  <link href="${escapeXml(new URL('/nieuws/', site).href)}"/>
  <link rel="self" href="${escapeXml(new URL('/nieuws/atom.xml', site).href)}"/>
  <id>${escapeXml(new URL('/nieuws/', site).href)}</id>
  <updated>${updated}</updated>
${entries.join('\n')}
</feed>
`;
  return new Response(body, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
};
