// The adoption figures of /beheer/gebruik: posts, comments and people per week, group and department, and the most
// discussed items. Aggregates only: nothing here ranks or lists individual colleagues.
import type { GitAdditions } from './git-additions.ts';
import { getWeekMonday, type Week } from './weeks.ts';

/** How many weeks the dashboard looks back: a quarter, enough to see a trend and still readable on a phone. */
export const USAGE_WEEKS = 12;

/** A post as the dashboard needs it: its file (for its git date), author and group (undefined: the timeline). */
export interface ActivityPost {
  id: string;
  file: string;
  author: string;
  group?: string;
  /** Its own timestamp (front matter `created`). */
  created: Date;
  /** Hidden by a moderator: not counted. */
  hidden?: boolean;
}

/** A comment as the dashboard needs it: its file, author and what it is on ("type:id", e.g. "bericht:01…"). */
export interface ActivityComment {
  file: string;
  author: string;
  target: string;
  /** Its own timestamp (front matter `created`). */
  created: Date;
  /** Hidden by a moderator: not counted. */
  hidden?: boolean;
}

/** One week's figures; null where git history does not reach (no repository, or before a shallow clone's start). */
export interface WeekActivity extends Week {
  posts: number | null;
  comments: number | null;
  /** Distinct colleagues who posted that week. */
  posters: number | null;
  /** Distinct colleagues who posted or commented that week (the weekly active contributors). */
  active: number | null;
}

/** Posts, comments and distinct contributors in one bucket (a group or a department). */
export interface BucketActivity {
  /** Group or department id; '' for the timeline (posts outside groups) or an author without a department. */
  id: string;
  posts: number;
  comments: number;
  /** Distinct colleagues who posted or commented. */
  people: number;
}

/** The whole dashboard. */
export interface ActivityReport {
  /** False without git history: the page says "geen gegevens". */
  available: boolean;
  shallow: boolean;
  weeks: WeekActivity[];
  totals: { posts: number; comments: number; posters: number };
  groups: BucketActivity[];
  departments: BucketActivity[];
  /** Items with the most comments in the period, most first (ties by target key), at most `top`. */
  discussed: { target: string; comments: number }[];
}

/** What computeActivity needs. */
export interface ActivityInput {
  posts: ActivityPost[];
  comments: ActivityComment[];
  additions: GitAdditions;
  /** The department id of a colleague, or undefined (someone no longer in the directory). */
  departmentOf: (personId: string) => string | undefined;
  /** The period, oldest week first (getRecentWeeks). */
  weeks: Week[];
  /** How many most-discussed items to return. */
  top?: number;
}

interface Bucket {
  posts: number;
  comments: number;
  people: Set<string>;
}

const bucket = (map: Map<string, Bucket>, id: string) => {
  let b = map.get(id);
  if (!b) map.set(id, (b = { posts: 0, comments: 0, people: new Set() }));
  return b;
};

const toRows = (map: Map<string, Bucket>): BucketActivity[] =>
  [...map]
    .map(([id, b]) => ({ id, posts: b.posts, comments: b.comments, people: b.people.size }))
    .sort((a, b) => b.posts + b.comments - (a.posts + a.comments) || a.id.localeCompare(b.id));

/** Computes the dashboard from content and git history; counts only visible items git dates inside the period. */
export function computeActivity(input: ActivityInput): ActivityReport {
  const { additions, weeks } = input;
  const empty = { posts: null, comments: null, posters: null, active: null };
  if (!additions.available || weeks.length === 0) {
    return { available: false, shallow: false, weeks: weeks.map((w) => ({ ...w, ...empty })), totals: { posts: 0, comments: 0, posters: 0 }, groups: [], departments: [], discussed: [] };
  }
  // A week is known when the history covers all of it: a shallow clone's first week is partial, so unknown too.
  const sinceMonday = additions.since ? getWeekMonday(additions.since) : undefined;
  const known = (monday: string) => !sinceMonday || monday > sinceMonday;
  const perWeek = new Map(weeks.filter((w) => known(w.monday)).map((w) => [w.monday, { posts: 0, comments: 0, posters: new Set<string>(), active: new Set<string>() }]));
  // Git's record decides whether an item counts; its moment is the commit that added it, or its own timestamp when
  // that is earlier: the server writes both at once, but content imported or seeded later (the demo) keeps its date.
  const weekOf = (item: { file: string; created: Date }) => {
    const added = additions.added.get(item.file);
    if (!added) return undefined;
    return perWeek.get(getWeekMonday(item.created < added ? item.created : added));
  };

  const groups = new Map<string, Bucket>();
  const departments = new Map<string, Bucket>();
  const postGroup = new Map(input.posts.filter((p) => !p.hidden).map((p) => [p.id, p.group ?? '']));
  const discussed = new Map<string, number>();
  const allPosters = new Set<string>();
  let posts = 0;
  let comments = 0;

  for (const post of input.posts) {
    const week = post.hidden ? undefined : weekOf(post);
    if (!week) continue;
    week.posts++;
    week.posters.add(post.author);
    week.active.add(post.author);
    allPosters.add(post.author);
    posts++;
    for (const b of [bucket(groups, post.group ?? ''), bucket(departments, input.departmentOf(post.author) ?? '')]) {
      b.posts++;
      b.people.add(post.author);
    }
  }
  for (const comment of input.comments) {
    const week = comment.hidden ? undefined : weekOf(comment);
    if (!week) continue;
    week.comments++;
    week.active.add(comment.author);
    comments++;
    const touched = [bucket(departments, input.departmentOf(comment.author) ?? '')];
    // A comment under a post is activity in that post's group (or on the timeline).
    const [type, id] = [comment.target.slice(0, comment.target.indexOf(':')), comment.target.slice(comment.target.indexOf(':') + 1)];
    if (type === 'bericht' && postGroup.has(id)) touched.push(bucket(groups, postGroup.get(id)!));
    for (const b of touched) {
      b.comments++;
      b.people.add(comment.author);
    }
    discussed.set(comment.target, (discussed.get(comment.target) ?? 0) + 1);
  }

  return {
    available: true,
    shallow: additions.shallow,
    weeks: weeks.map((w) => {
      const f = perWeek.get(w.monday);
      return f ? { ...w, posts: f.posts, comments: f.comments, posters: f.posters.size, active: f.active.size } : { ...w, ...empty };
    }),
    totals: { posts, comments, posters: allPosters.size },
    groups: toRows(groups),
    departments: toRows(departments),
    discussed: [...discussed]
      .map(([target, n]) => ({ target, comments: n }))
      .sort((a, b) => b.comments - a.comments || a.target.localeCompare(b.target))
      .slice(0, input.top ?? 10),
  };
}

