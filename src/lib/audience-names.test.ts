import { describe, expect, it } from 'vitest';
import { describeAudience } from './audience-names.ts';

const names = {
  departments: new Map([['veiligheid-handhaving', 'Veiligheid en Handhaving'], ['hr', 'HR']]),
  locations: new Map([['stadhuis', 'Stadhuis']]),
  roles: new Map([['buitendienst', 'Buitendienst'], ['boa', "Boa's"]]),
};

describe('describeAudience', () => {
  it('names departments, then locations, then roles, in the order the item gives them', () => {
    expect(describeAudience({ departments: ['veiligheid-handhaving'], locations: ['stadhuis'], roles: ['boa', 'buitendienst'] }, names))
      .toEqual(['Veiligheid en Handhaving', 'Stadhuis', "Boa's", 'Buitendienst']);
  });
  it('names nothing for everyone', () => {
    expect(describeAudience(undefined, names)).toEqual([]);
    expect(describeAudience({ departments: [], locations: [], roles: [] }, names)).toEqual([]);
  });
});
