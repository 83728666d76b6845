import { describe, expect, it } from 'vitest';
import { readSearchState, toPagefindOptions, writeSearchState } from './search-types.ts';

describe('search state in the URL', () => {
  it('round-trips a shared link', () => {
    const state = readSearchState(new URLSearchParams('q=verlof&type=kennis&afdeling=hr&sort=datum&onzin=1'));
    expect(state).toEqual({ q: 'verlof', filters: { type: 'kennis', afdeling: 'hr' }, sort: 'datum' });
    expect(writeSearchState(state).toString()).toBe('q=verlof&type=kennis&afdeling=hr&sort=datum');
  });
  it('maps URL parameters to index filters', () => {
    expect(toPagefindOptions(readSearchState(new URLSearchParams('q=x&groep=koffietijd&categorie=ict')))).toEqual({
      filters: { group: 'koffietijd', category: 'ict' },
    });
    expect(toPagefindOptions(readSearchState(new URLSearchParams('sort=datum'))).sort).toEqual({ date: 'desc' });
  });
  it('ignores empty values and caps lengths', () => {
    const state = readSearchState(new URLSearchParams(`q=${'a'.repeat(500)}&type=`));
    expect(state.q.length).toBe(200);
    expect(state.filters).toEqual({});
  });
});
