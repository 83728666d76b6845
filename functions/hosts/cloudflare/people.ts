// The colleagues a Pages Function knows: a list generated at build time (scripts/build-functions.ts), since a
// Function has no disk to read content/collegas from. It holds only what logins and the API use.
import type { Colleague, PeopleDirectory } from '../../auth/colleague-index.ts';
import { createPeopleDirectory } from '../../auth/colleague-index.ts';

/** A colleague as the generated module lists one: the fields of PersonSummary (functions/posts/people.ts), no more. */
export interface PagesColleague {
  id: string;
  name: string;
  email: string;
  department: string;
  editor: boolean;
  /** Roles and location (issue 17): who targeted news is pushed to; left out when the colleague has none. */
  roles?: string[];
  workLocation?: string;
}

/** Keeps only the fields a Pages Function needs (no phone numbers, birthdays or photos in the bundle; roles and location for audiences). */
export function toPagesColleague(person: PagesColleague): PagesColleague {
  return {
    id: person.id, name: person.name, email: person.email, department: person.department, editor: person.editor,
    ...(person.roles?.length ? { roles: person.roles } : {}),
    ...(person.workLocation ? { workLocation: person.workLocation } : {}),
  };
}

/** The people directory of the generated list. */
export function createPagesPeople(people: PagesColleague[]): PeopleDirectory {
  // Identity (toIdentity, byEmail, byId) and the API (PersonSummary) read only these fields of a Colleague.
  return createPeopleDirectory(people as Colleague[]);
}
