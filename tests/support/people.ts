// A small people directory for identity tests, parsed with the real person schema.
import { createPeopleDirectory, type PeopleDirectory } from '../../functions/auth/people-directory.ts';
import { personSchema } from '../../src/schemas/person.ts';

const person = (id: string, name: string, email: string, editor = false) => ({
  id,
  ...personSchema.parse({ name, jobTitle: 'Beleidsmedewerker', department: 'publiekszaken', email, startDate: '2020-01-01', editor }),
});

/** Ahmet (employee), Anouk (editor) and Bas; no one else. */
export function createTestPeople(): PeopleDirectory {
  return createPeopleDirectory([
    person('ahmet-demir', 'Ahmet Demir', 'ahmet.demir@wadvoort.nl'),
    person('anouk-de-vries', 'Anouk de Vries', 'Anouk.de.Vries@wadvoort.nl', true),
    person('bas-van-leeuwen', 'Bas van Leeuwen', 'bas.van.leeuwen@wadvoort.nl'),
  ]);
}
