// Issue 17: who a news or agenda item is pushed to — its front matter's audience resolved into colleague ids.
import { describe, expect, it } from 'vitest';
import type { PersonSummary } from '../content/people.ts';
import { makePeople } from '../../tests/support/posting-api.ts';
import { audienceMembers, audienceOf } from './audience.ts';

const person = (id: string, department: string, extra: Partial<PersonSummary> = {}): PersonSummary => ({ id, name: id, email: `${id}@wadvoort.nl`, department, editor: false, ...extra });
const people = makePeople([
  person('boa-noord', 'veiligheid-handhaving', { roles: ['boa', 'buitendienst'], workLocation: 'gemeentewerf' }),
  person('jurist', 'veiligheid-handhaving', { workLocation: 'stadhuis' }),
  person('bode', 'facilitair', { roles: ['bode'], workLocation: 'stadhuis' }),
  person('hovenier', 'ruimte', { roles: ['buitendienst'], workLocation: 'gemeentewerf' }),
  person('hr-chef', 'hr', { roles: ['leidinggevenden'] }),
  person('nieuw', 'hr'),
]);
const members = (audience: Parameters<typeof audienceMembers>[0]) => audienceMembers(audience, people).sort();

describe('audienceOf', () => {
  it('reads departments, locations and roles from the front matter', () => {
    expect(audienceOf({ audience: { departments: ['hr'], locations: ['stadhuis'], roles: ['boa'] } })).toEqual({ afdelingen: ['hr'], locaties: ['stadhuis'], rollen: ['boa'] });
    expect(audienceOf({ audience: { roles: ['boa'] } })).toEqual({ afdelingen: [], locaties: [], rollen: ['boa'] });
  });
  it('is everyone without an audience, with only empty lists, or with something that is no audience', () => {
    for (const front of [{}, { audience: null }, { audience: { departments: [], locations: [], roles: [] } }, { audience: ['hr'] }, { audience: 'hr' }, { audience: { roles: [3, ''] } }]) {
      expect(audienceOf(front), JSON.stringify(front)).toBe('iedereen');
    }
  });
});

describe('audienceMembers', () => {
  it('everyone is every colleague', () => {
    expect(members('iedereen')).toHaveLength(6);
  });
  it('a department, a location or a role reaches exactly the colleagues in it', () => {
    expect(members({ afdelingen: ['veiligheid-handhaving'] })).toEqual(['boa-noord', 'jurist']);
    expect(members({ afdelingen: [], locaties: ['stadhuis'] })).toEqual(['bode', 'jurist']);
    expect(members({ afdelingen: [], rollen: ['buitendienst'] })).toEqual(['boa-noord', 'hovenier']);
  });
  it('a combination is the union: in any department, at any location or with any role — each colleague once', () => {
    expect(members({ afdelingen: ['hr'], locaties: ['gemeentewerf'], rollen: ['bode', 'buitendienst'] })).toEqual(['boa-noord', 'bode', 'hovenier', 'hr-chef', 'nieuw']);
  });
  it('an audience nobody is in reaches nobody (not everyone)', () => {
    expect(members({ afdelingen: [] })).toEqual([]);
    expect(members({ afdelingen: ['communicatie'], rollen: ['leidinggevenden-ict'] })).toEqual([]);
  });
  it('reads what the front matter says end to end', () => {
    expect(audienceMembers(audienceOf({ audience: { roles: ['boa', 'bode'] } }), people).sort()).toEqual(['boa-noord', 'bode']);
  });
});
