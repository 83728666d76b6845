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
    const parsed = personSchema.safeParse(parseYamlFile(readFileSync(file, 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${file}: ${issue.path.join('.') || '(bestand)'}: ${issue.message}`);
    }
    return { ...parsed.data, id: name.replace(/\.ya?ml$/, '') };
  });
  return createPeopleDirectory(people);
}
