// An iCalendar file per event, for "add to your calendar".
import type { APIRoute, GetStaticPaths } from 'astro';
import { getEvents, getSettings } from '../../lib/content-queries.ts';
import { buildIcs } from '../../lib/ics.ts';
import { getEntryPath } from '../../lib/entry-paths.ts';

export const getStaticPaths = (async () => (await getEvents()).map((event) => ({ params: { id: event.id }, props: { event } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props, site }) => {
  const { event } = props as { event: Awaited<ReturnType<typeof getEvents>>[number] };
  const settings = await getSettings();
  const url = new URL(getEntryPath('agenda', event.id), site ?? 'http://localhost:4321').href;
  const body = buildIcs({
    uid: `${event.id}@${new URL(url).hostname}`,
    title: event.data.title,
    description: `${event.data.summary}\n\n${url}`,
    location: event.data.location,
    start: event.data.start,
    end: event.data.end,
    url: event.data.onlineUrl ?? url,
    organiser: settings.organisation,
  });
  return new Response(body, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
};
