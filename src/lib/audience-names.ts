// The names of who a news or agenda item is for (issue 17), for the discreet "Voor: …" line in lists and on pages.
import type { AudienceField } from '../schemas/audience.ts';

/** Names by id: departments (content/afdelingen), and the site settings' roles and locations. */
export interface AudienceNames {
  departments: ReadonlyMap<string, string>;
  locations: ReadonlyMap<string, string>;
  roles: ReadonlyMap<string, string>;
}

/** The names in an audience — departments, then locations, then roles — or none when the item is for everyone. */
export function describeAudience(audience: AudienceField, names: AudienceNames): string[] {
  if (!audience) return [];
  return [
    ...audience.departments.map((id) => names.departments.get(id) ?? id),
    ...audience.locations.map((id) => names.locations.get(id) ?? id),
    ...audience.roles.map((id) => names.roles.get(id) ?? id),
  ];
}
