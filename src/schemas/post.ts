// Posts (berichten) on the timeline or in a group, written by employees.
import { z } from 'astro/zod';
import { DATE, ID, IMAGE, hint } from './common.ts';

/** Who hid an item and when; hidden items stay in git but are not shown. */
export const HIDDEN = z.strictObject({ by: ID, at: DATE, reason: z.string().max(300).optional() });

/** Front matter of a post (content/berichten/YYYY/MM/<ulid>.md); the body is Markdown. */
export const postSchema = z.strictObject({
  /** The colleague who wrote it (id); set by the server from the login. */
  author: hint(ID, { label: 'Auteur' }),
  /** Group id; absent means the general timeline. */
  group: hint(ID.optional(), { label: 'Groep' }),
  /** When it was posted. */
  created: hint(DATE, { label: 'Geplaatst op', widget: 'datetime' }),
  /** When it was last edited by its author. */
  edited: DATE.optional(),
  /** Up to four photos, each with alt text. */
  photos: hint(z.array(IMAGE).max(4, 'hoogstens 4 foto’s').default([]), { label: 'Foto’s', widget: 'list' }),
  /** Set when a moderator hid the post. */
  hidden: HIDDEN.optional(),
});

/** A post after parsing. */
export type Post = z.output<typeof postSchema>;
