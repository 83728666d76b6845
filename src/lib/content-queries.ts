// Verb-first queries over the Astro collections, applying the publication rules once.
import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import { getBuildTime, isPublished } from './dates.ts';
import { getEntryPath } from './entry-paths.ts';

/**
 * Caches a query for the whole build: a static build renders thousands of pages from the same content,
 * so each query runs once. In dev content changes under us, so nothing is cached there.
 */
function once<T>(query: () => Promise<T>): () => Promise<T> {
  let cached: Promise<T> | undefined;
  return () => (import.meta.env.DEV ? query() : (cached ??= query()));
}

/** Published news, newest first (drafts, scheduled and expired items left out). */
export const getPublishedNews = once(async (): Promise<CollectionEntry<'nieuws'>[]> => {
  const now = getBuildTime();
  const all = await getCollection('nieuws', ({ data }) => isPublished(data, now));
  return all.sort((a, b) => b.data.date.getTime() - a.data.date.getTime());
});

/** Knowledge pages that are not drafts, by section order then title. */
export const getKnowledgePages = once(async (): Promise<CollectionEntry<'kennis'>[]> => {
  const all = await getCollection('kennis', ({ data }) => !data.draft);
  return all.sort((a, b) => a.data.order - b.data.order || a.data.title.localeCompare(b.data.title, 'nl'));
});

/** Knowledge sections ordered for the index. */
export const getSections = once(async (): Promise<CollectionEntry<'secties'>[]> => {
  const all = await getCollection('secties');
  return all.sort((a, b) => a.data.order - b.data.order || a.data.title.localeCompare(b.data.title, 'nl'));
});

/** The section a knowledge page belongs to: its folder path. */
export function getSectionIdOf(pageId: string): string {
  return pageId.split('/').slice(0, -1).join('/');
}

/** Visible posts (not hidden), newest first; optionally only one group's. */
export async function getVisiblePosts(group?: string): Promise<CollectionEntry<'berichten'>[]> {
  const all = await getAllVisiblePosts();
  return group === undefined ? all : all.filter((p) => p.data.group === group);
}

const getAllVisiblePosts = once(async () => {
  const all = await getCollection('berichten', ({ data }) => !data.hidden);
  return all.sort((a, b) => b.data.created.getTime() - a.data.created.getTime());
});

/** Comments on one item, oldest first (hidden ones included: they show as hidden). */
export async function getCommentsFor(type: CollectionEntry<'reacties'>['data']['on']['type'], id: string) {
  return (await getCommentsByTarget()).get(`${type}:${id}`) ?? [];
}

/** All comments grouped by "type:id", each list oldest first. */
const getCommentsByTarget = once(async () => {
  const byTarget = new Map<string, CollectionEntry<'reacties'>[]>();
  for (const c of await getCollection('reacties')) {
    const key = `${c.data.on.type}:${c.data.on.id}`;
    byTarget.set(key, [...(byTarget.get(key) ?? []), c]);
  }
  for (const list of byTarget.values()) list.sort((a, b) => a.data.created.getTime() - b.data.created.getTime());
  return byTarget;
});

/** Comment counts per target, keyed "type:id". */
export const getCommentCounts = once(async (): Promise<Map<string, number>> => {
  const counts = new Map<string, number>();
  for (const c of await getCollection('reacties', ({ data }) => !data.hidden)) {
    const key = `${c.data.on.type}:${c.data.on.id}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
});

/** Events that are not drafts, by start. */
export const getEvents = once(async (): Promise<CollectionEntry<'agenda'>[]> => {
  const all = await getCollection('agenda', ({ data }) => !data.draft);
  return all.sort((a, b) => a.data.start.getTime() - b.data.start.getTime());
});

/** Colleagues sorted by name. */
export const getPeople = once(async (): Promise<CollectionEntry<'collegas'>[]> => {
  const all = await getCollection('collegas');
  return all.sort((a, b) => a.data.name.localeCompare(b.data.name, 'nl'));
});

/** A map of colleague id to entry, for author lookups. */
export const getPeopleById = once(async (): Promise<Map<string, CollectionEntry<'collegas'>>> => {
  return new Map((await getPeople()).map((p) => [p.id, p]));
});

/** The ids of all colleagues, for @mention links. */
export const getPeopleIds = once(async (): Promise<ReadonlySet<string>> => new Set((await getPeople()).map((p) => p.id)));

/** Departments sorted by name. */
export const getDepartments = once(async (): Promise<CollectionEntry<'afdelingen'>[]> => {
  const all = await getCollection('afdelingen');
  return all.sort((a, b) => a.data.name.localeCompare(b.data.name, 'nl'));
});

/** The site settings. */
export const getSettings = once(async () => {
  const entry = await getEntry('instellingen', 'site');
  if (!entry) throw new Error('content/instellingen/site.yml ontbreekt');
  return entry.data;
});

/** The department behind an owner id: the department itself, or the colleague's department. */
export async function getOwnerDepartment(id: string): Promise<{ id: string; name: string } | undefined> {
  const departments = new Map((await getDepartments()).map((d) => [d.id, d]));
  const dept = departments.get(id) ?? departments.get((await getPeopleById()).get(id)?.data.department ?? '');
  return dept ? { id: dept.id, name: dept.data.name } : undefined;
}

/** The display name and link of an owner id (a department or a colleague). */
export async function getOwner(id: string): Promise<{ name: string; href: string }> {
  const dept = (await getDepartments()).find((d) => d.id === id);
  if (dept) return { name: dept.data.name, href: getEntryPath('afdelingen', id) };
  const person = (await getPeopleById()).get(id);
  if (person) return { name: person.data.name, href: getEntryPath('collegas', id) };
  return { name: id, href: '#' };
}
