import { describe, expect, it } from 'vitest';
import { CONTENT_DIR } from '../../src/config.ts';
import { createTestPeople } from '../../tests/support/people.ts';
import { createPeopleDirectory, loadPeopleDirectory } from './people-directory.ts';

describe('people directory', () => {
  it('reads the demo organisation and finds colleagues by e-mail in any case', () => {
    const people = loadPeopleDirectory(CONTENT_DIR);
    expect(people.all().length).toBeGreaterThan(10);
    const first = people.all()[0];
    expect(people.byEmail(first.email.toUpperCase())?.id).toBe(first.id);
    expect(people.byId(first.id)?.name).toBe(first.name);
    expect(people.ids().has(first.id)).toBe(true);
    expect(people.byEmail('niemand@wadvoort.nl')).toBeUndefined();
  });

  it('refuses two profiles with the same e-mail address', () => {
    const [a] = createTestPeople().all();
    expect(() => createPeopleDirectory([a, { ...a, id: 'dubbel', email: a.email.toUpperCase() }])).toThrow(/hetzelfde e-mailadres/);
  });
});
