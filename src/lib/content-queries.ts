// Verb-first queries over the Astro collections, applying the publication rules once.
import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import { getBuildTime, isPublished } from './dates.ts';

/** Published news, newest first (drafts, scheduled and expired items left out). */
export async function getPublishedNews(): Promise<CollectionEntry<'nieuws'>[]> {
  const now = getBuildTime();
  const all = await getCollection('nieuws', ({ data }) => isPublished(data, now));
  return all.sort((a, b) => b.data.date.getTime() - a.data.date.getTime());
}

/** Knowledge pages that are not drafts, by section order then title. */
export async function getKnowledgePages(): Promise<CollectionEntry<'kennis'>[]> {
  const all = await getCollection('kennis', ({ data }) => !data.draft);
  return all.sort((a, b) => a.data.order - b.data.order || a.data.title.localeCompare(b.data.title, 'nl'));
}

/** Knowledge sections ordered for the index. */
export async function getSections(): Promise<CollectionEntry<'secties'>[]> {
  const all = await getCollection('secties');
  return all.sort((a, b) => a.data.order - b.data.order || a.data.title.localeCompare(b.data.title, 'nl'));
}

/** The section a knowledge page belongs to: its folder path. */
export function getSectionIdOf(pageId: string): string {
  return pageId.split('/').slice(0, -1).join('/');
}

/** Visible posts (not hidden), newest first; optionally only one group's. */
export async function getVisiblePosts(group?: string): Promise<CollectionEntry<'berichten'>[]> {
  const all = await getCollection('berichten', ({ data }) => !data.hidden && (group === undefined || data.group === group));
  return all.sort((a, b) => b.data.created.getTime() - a.data.created.getTime());
}

/** Comments on one item, oldest first (hidden ones included: they show as hidden). */
export async function getCommentsFor(type: CollectionEntry<'reacties'>['data']['on']['type'], id: string) {
  const all = await getCollection('reacties', ({ data }) => data.on.type === type && data.on.id === id);
  return all.sort((a, b) => a.data.created.getTime() - b.data.created.getTime());
}

/** Comment counts per target, keyed "type:id". */
export async function getCommentCounts(): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const c of await getCollection('reacties', ({ data }) => !data.hidden)) {
    const key = `${c.data.on.type}:${c.data.on.id}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Events that are not drafts, by start. */
export async function getEvents(): Promise<CollectionEntry<'agenda'>[]> {
  const all = await getCollection('agenda', ({ data }) => !data.draft);
  return all.sort((a, b) => a.data.start.getTime() - b.data.start.getTime());
}

/** Colleagues sorted by name. */
export async function getPeople(): Promise<CollectionEntry<'collegas'>[]> {
  const all = await getCollection('collegas');
  return all.sort((a, b) => a.data.name.localeCompare(b.data.name, 'nl'));
}

/** A map of colleague id to entry, for author lookups. */
export async function getPeopleById(): Promise<Map<string, CollectionEntry<'collegas'>>> {
  return new Map((await getPeople()).map((p) => [p.id, p]));
}

/** Departments sorted by name. */
export async function getDepartments(): Promise<CollectionEntry<'afdelingen'>[]> {
  const all = await getCollection('afdelingen');
  return all.sort((a, b) => a.data.name.localeCompare(b.data.name, 'nl'));
}

/** The site settings. */
export async function getSettings() {
  const entry = await getEntry('instellingen', 'site');
  if (!entry) throw new Error('content/instellingen/site.yml ontbreekt');
  return entry.data;
}

/** The department behind an owner id: the department itself, or the colleague's department. */
export async function getOwnerDepartment(id: string): Promise<{ id: string; name: string } | undefined> {
  const person = await getEntry('collegas', id);
  const deptId = person ? person.data.department : id;
  const dept = await getEntry('afdelingen', deptId);
  return dept ? { id: dept.id, name: dept.data.name } : undefined;
}

/** The display name and link of an owner id (a department or a colleague). */
export async function getOwner(id: string): Promise<{ name: string; href: string }> {
  const dept = await getEntry('afdelingen', id);
  if (dept) return { name: dept.data.name, href: `/afdelingen/${id}/` };
  const person = await getEntry('collegas', id);
  if (person) return { name: person.data.name, href: `/collegas/${id}/` };
  return { name: id, href: '#' };
}
