import { describe, expect, it } from 'vitest';
import { findQuietGroups, findUnansweredPosts, rankByAppreciations } from './dashboard-attention.ts';

const now = new Date('2026-12-07T12:00:00Z');
const post = (id: string, created: string, group?: string, hidden = false) => ({ id, file: `${id}.md`, author: 'anna', group, created: new Date(created), hidden });
const comment = (target: string, hidden = false) => ({ file: 'c.md', author: 'bram', target, created: now, hidden });

describe('what asks for attention on the usage dashboard', () => {
  it('finds the groups without a visible post in three weeks, never-posted and longest quiet first', () => {
    const posts = [
      post('a', '2026-11-20T09:00:00Z', 'koffietijd'),
      post('b', '2026-11-10T09:00:00Z', 'fietsclub'),
      // Hidden, and in the future: neither keeps a group awake.
      post('c', '2026-12-01T09:00:00Z', 'fietsclub', true),
      post('d', '2026-12-08T09:00:00Z', 'boekenclub'),
      post('e', '2026-10-01T09:00:00Z', 'boekenclub'),
      post('f', '2026-12-06T09:00:00Z'),
    ];
    expect(findQuietGroups(['koffietijd', 'fietsclub', 'boekenclub', 'schaakclub'], posts, now)).toEqual([
      { id: 'schaakclub', lastPost: undefined },
      { id: 'boekenclub', lastPost: new Date('2026-10-01T09:00:00Z') },
      { id: 'fietsclub', lastPost: new Date('2026-11-10T09:00:00Z') },
    ]);
    // Exactly 21 days ago is still inside the three weeks.
    expect(findQuietGroups(['koffietijd'], [post('g', '2026-11-16T12:00:00Z', 'koffietijd')], now)).toEqual([]);
  });

  it('lists the posts nobody answered (a hidden comment is no answer), newest first, within the period', () => {
    const posts = [post('p1', '2026-12-01T09:00:00Z'), post('p2', '2026-12-03T09:00:00Z', 'koffietijd'), post('p3', '2026-12-05T09:00:00Z'), post('p4', '2026-12-06T09:00:00Z', undefined, true), post('p5', '2026-09-01T09:00:00Z')];
    const comments = [comment('bericht:p1'), comment('bericht:p3', true), comment('kennis:p2')];
    expect(findUnansweredPosts(posts, comments, now, 28).map((p) => p.id)).toEqual(['p3', 'p2']);
    expect(findUnansweredPosts(posts, comments, now, 28, 1).map((p) => p.id)).toEqual(['p3']);
    expect(findUnansweredPosts(posts, comments, now, 120).map((p) => p.id)).toEqual(['p3', 'p2', 'p5']);
  });

  it('ranks the unanswered posts by their waarderingen of every kind, newest first among equals, at most the limit', () => {
    const newestFirst = ['p5', 'p4', 'p3', 'p2', 'p1'].map((id) => ({ id, label: `Bericht ${id}` }));
    const counts = { 'bericht:p1': { duim: 2, hart: 2 }, 'bericht:p3': { duim: 1 }, 'bericht:p4': { hart: 1 }, 'nieuws:p5': { duim: 9 } };
    expect(rankByAppreciations(newestFirst, counts, 4)).toEqual([
      { id: 'p1', label: 'Bericht p1', appreciations: 4 },
      { id: 'p4', label: 'Bericht p4', appreciations: 1 },
      { id: 'p3', label: 'Bericht p3', appreciations: 1 },
      // A news item's waarderingen with the same id are not the post's.
      { id: 'p5', label: 'Bericht p5', appreciations: 0 },
    ]);
    expect(rankByAppreciations(newestFirst, {}).map((p) => p.id)).toEqual(['p5', 'p4', 'p3', 'p2', 'p1']);
  });
});
