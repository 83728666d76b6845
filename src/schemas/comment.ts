// Comments (reacties) under news, knowledge pages, posts and events.
import { z } from 'astro/zod';
import { DATE, ID, hint } from './common.ts';
import { HIDDEN } from './post.ts';

/** The kinds of item a comment can be placed under. */
export const COMMENT_TARGETS = ['nieuws', 'kennis', 'bericht', 'agenda'] as const;

/** Front matter of a comment (content/reacties/YYYY/MM/<ulid>.md); the body is Markdown. */
export const commentSchema = z.strictObject({
  /** The colleague who wrote it (id). */
  author: hint(ID, { label: 'Auteur' }),
  /** When it was placed. */
  created: hint(DATE, { label: 'Geplaatst op', widget: 'datetime' }),
  /** When it was last edited by its author. */
  edited: hint(DATE, { label: 'Bewerkt op', widget: 'datetime' }).optional(),
  /** What it is a comment on. */
  on: z.strictObject({
    type: z.enum(COMMENT_TARGETS, { error: `moet een van deze zijn: ${COMMENT_TARGETS.join(', ')}` }),
    id: z.string().min(1, 'mag niet leeg zijn'),
  }),
  /** Set when a moderator hid the comment. */
  hidden: HIDDEN.optional(),
});

/** A comment after parsing. */
export type Comment = z.output<typeof commentSchema>;
