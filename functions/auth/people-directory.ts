// The people directory: colleague profiles from content/collegas/*.yml, looked up by e-mail (logins) or id.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseYamlFile } from '../../src/lib/front-matter.ts';
import { personSchema, type Person } from '../../src/schemas/person.ts';

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

/** Reads every content/collegas/*.yml with the person schema; throws `file: field: problem` on an invalid profile. */
export function loadPeopleDirectory(contentDir: string): PeopleDirectory {
  const dir = join(contentDir, 'collegas');
  const files = readdirSync(dir).filter((name) => /^[a-z0-9][a-z0-9-]*\.ya?ml$/.test(name)).sort();
  const people = files.map((name): Colleague => {
    const file = join(dir, name);
    const parsed = personSchema.safeParse(parseYamlFile(readFileSync(file, 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${file}: ${issue.path.join('.') || '(bestand)'}: ${issue.message}`);
    }
    return { ...parsed.data, id: name.replace(/\.ya?ml$/, '') };
  });
  return createPeopleDirectory(people);
}
