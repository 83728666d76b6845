// The people directory: colleague profiles from content/collegas/*.yml, looked up by e-mail (logins) or id.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseYamlFile } from '../../src/lib/front-matter.ts';
import { personSchema } from '../../src/schemas/person.ts';
import { createPeopleDirectory, type Colleague, type PeopleDirectory } from './colleague-index.ts';

export { createPeopleDirectory, type Colleague, type PeopleDirectory } from './colleague-index.ts';

/** Reads every content/collegas/*.yml with the person schema; throws `file: field: problem` on an invalid profile. */
export function loadPeopleDirectory(contentDir: string): PeopleDirectory {
  const dir = join(contentDir, 'collegas');
  const files = readdirSync(dir).filter((name) => /^[a-z0-9][a-z0-9-]*\.ya?ml$/.test(name)).sort();
  const people = files.map((name): Colleague => {
    const file = join(dir, name);
    let data: unknown;
    try {
      data = parseYamlFile(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new Error(`${file}: ${(err as Error).message.split('\n')[0]}`);
    }
    const parsed = personSchema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${file}: ${issue.path.join('.') || '(bestand)'}: ${issue.message}`);
    }
    return { ...parsed.data, id: name.replace(/\.ya?ml$/, '') };
  });
  return createPeopleDirectory(people);
}

/**
 * The directory of a running server: read at start, and again by `reload()` after each build it switches to, so a
 * new colleague can log in, a changed department or role counts, and an erased colleague can no longer log in —
 * without a restart. A folder that no longer reads (an invalid profile) keeps the directory as it was, with a warning.
 */
export function loadReloadablePeople(contentDir: string, warn: (message: string) => void = (m) => console.warn(m)): PeopleDirectory & { reload(): void } {
  let current = loadPeopleDirectory(contentDir);
  return {
    byEmail: (email) => current.byEmail(email),
    byId: (id) => current.byId(id),
    all: () => current.all(),
    ids: () => current.ids(),
    reload() {
      try {
        current = loadPeopleDirectory(contentDir);
      } catch (err) {
        warn(`Plein: de collega's konden niet opnieuw worden gelezen; de vorige lijst blijft in gebruik. ${(err as Error).message}`);
      }
    },
  };
}
