// A feed item is rendered once per text and version of the people directory: a new post's answer and the live feed
// share the render; an edit, or colleagues read again (a new name), renders anew.
import { describe, expect, it } from 'vitest';
import { stringifyFrontMatter } from '../../src/lib/front-matter.ts';
import { toFeedItem } from './feed-item.ts';
import type { PeopleLookup, PersonSummary } from './people.ts';

const people = (name: string): PeopleLookup => {
  const anouk: PersonSummary = { id: 'anouk-de-vries', name, email: 'anouk@wadvoort.nl', department: 'beleid', editor: false };
  const ids = new Set([anouk.id]);
  return { byId: (id) => (id === anouk.id ? anouk : undefined), ids: () => ids };
};
const file = (text: string) => stringifyFrontMatter({ author: 'anouk-de-vries', created: '2026-12-01T09:00:00.000Z' }, text);

describe('toFeedItem', () => {
  it('renders a text once, again after an edit, and again with the people directory read anew', () => {
    const before = people('Anouk de Vries');
    const first = toFeedItem('bericht', '01kaaaaaaaaaaaaaaaaaaaaaaa', file('Koffie staat **klaar**.'), before);
    expect(first.html).toContain('<strong>klaar</strong>');
    expect(toFeedItem('bericht', '01kaaaaaaaaaaaaaaaaaaaaaaa', file('Koffie staat **klaar**.'), before)).toBe(first);
    const edited = toFeedItem('bericht', '01kaaaaaaaaaaaaaaaaaaaaaaa', file('Koffie is op.'), before);
    expect(edited).not.toBe(first);
    expect(edited.html).toContain('Koffie is op.');
    // Read again after a build: a new directory (a new ids set), the new name.
    const after = toFeedItem('bericht', '01kaaaaaaaaaaaaaaaaaaaaaaa', file('Koffie is op.'), people('Anouk Smit'));
    expect(after.author?.name).toBe('Anouk Smit');
    expect(edited.author?.name).toBe('Anouk de Vries');
  });
});
