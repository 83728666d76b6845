// Who a news item (or agenda item) is for (issue 17, communications' reach). Targeted news stays visible to everyone
// who looks for it — an intranet is open inside — but is *pushed* (a notification, the must-read banner, "Voor jou")
// only to its audience: the colleagues of some departments, locations (vestigingen) and roles, or everyone.
// The build has checked every id against content/afdelingen and the site settings' `locations` and `roles`
// (src/lib/content-references.ts); this file only reads the front matter and resolves it.
import type { PeopleLookup, PersonSummary } from '../content/people.ts';

/** Everyone, or the ids of some departments, locations and roles (a colleague in any of them belongs to it). */
export type Audience = 'iedereen' | { afdelingen: string[]; locaties?: string[]; rollen?: string[] };

function ids(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : [];
}

/** The audience of a news or agenda item, from its front matter (`audience: { departments, locations, roles }`); none named is everyone. */
export function audienceOf(item: Record<string, unknown>): Audience {
  const raw = item.audience;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return 'iedereen';
  const { departments, locations, roles } = raw as Record<string, unknown>;
  const audience = { afdelingen: ids(departments), locaties: ids(locations), rollen: ids(roles) };
  return audience.afdelingen.length + audience.locaties.length + audience.rollen.length ? audience : 'iedereen';
}

/** Whether a colleague is in an audience: in one of its departments, at one of its locations or with one of its roles. */
export function inAudience(audience: Audience, person: PersonSummary | undefined): boolean {
  if (!person) return false;
  if (audience === 'iedereen') return true;
  if (audience.afdelingen.includes(person.department)) return true;
  if (person.workLocation !== undefined && (audience.locaties ?? []).includes(person.workLocation)) return true;
  return (person.roles ?? []).some((r) => (audience.rollen ?? []).includes(r));
}

/** The colleagues in an audience (see inAudience). */
export function audienceMembers(audience: Audience, people: PeopleLookup): string[] {
  const all = [...people.ids()];
  return audience === 'iedereen' ? all : all.filter((id) => inAudience(audience, people.byId(id)));
}
