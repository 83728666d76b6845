// Who a news item is for (issue 14's hook for issue 17, communications' reach). Today a news item has no audience of
// its own, so it is for everyone; when issue 17 adds the audience field (departments, locations, roles), only
// `audienceOf` learns to read it and `audienceMembers` to resolve it — the post-build check that notifies
// (functions/notifications/published.ts) stays as it is.
import type { PeopleLookup } from '../content/people.ts';

/** Everyone, or the ids of some departments. */
export type Audience = 'iedereen' | { afdelingen: string[] };

/** The audience of a news item, from its front matter. */
export function audienceOf(_news: Record<string, unknown>): Audience {
  return 'iedereen';
}

/** The colleagues in an audience. */
export function audienceMembers(audience: Audience, people: PeopleLookup): string[] {
  const ids = [...people.ids()];
  if (audience === 'iedereen') return ids;
  const departments = new Set(audience.afdelingen);
  return ids.filter((id) => departments.has(people.byId(id)?.department ?? ''));
}
