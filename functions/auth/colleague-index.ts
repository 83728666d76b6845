// Looking colleagues up by e-mail or id: pure, so the Node server (profiles from disk) and Cloudflare Pages (a generated list) share it.
import type { Person } from '../../src/schemas/person.ts';

/** A colleague with the id their file name gives them (content/collegas/<id>.yml). */
export type Colleague = Person & { id: string };

/** Read access to the colleagues; e-mail matching ignores case. */
export interface PeopleDirectory {
  byEmail(email: string): Colleague | undefined;
  byId(id: string): Colleague | undefined;
  all(): Colleague[];
  ids(): ReadonlySet<string>;
}

/** Builds a directory from parsed colleagues; throws when two profiles share an e-mail (a login must mean one person). */
export function createPeopleDirectory(people: Colleague[]): PeopleDirectory {
  const byId = new Map(people.map((p) => [p.id, p]));
  const byEmail = new Map<string, Colleague>();
  for (const person of people) {
    const key = person.email.trim().toLowerCase();
    const other = byEmail.get(key);
    if (other) throw new Error(`collega's ${other.id} en ${person.id} hebben hetzelfde e-mailadres (${key}); een login moet bij één collega horen`);
    byEmail.set(key, person);
  }
  const ids = new Set(byId.keys());
  return {
    byEmail: (email) => byEmail.get(email.trim().toLowerCase()),
    byId: (id) => byId.get(id),
    all: () => [...people],
    ids: () => ids,
  };
}
